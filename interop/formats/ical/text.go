package ical

import (
	"strings"
)

// parseLine reads one unfolded content line, name *(";" param) ":" value (RFC 5545 §3.1).
// It reports false for a line that is not one: no name, no colon, a broken parameter.
func parseLine(line string) (prop, bool) {
	end := strings.IndexAny(line, ";:")
	if end <= 0 || !isName(strings.ReplaceAll(line[:end], ".", "-")) { // a "GROUP." prefix is kept
		return prop{}, false
	}
	p := prop{name: strings.ToUpper(line[:end]), params: map[string][]string{}}
	rest := line[end:]
	for strings.HasPrefix(rest, ";") {
		var ok bool
		if rest, ok = parseParam(rest[1:], p.params); !ok {
			return prop{}, false
		}
	}
	if !strings.HasPrefix(rest, ":") {
		return prop{}, false
	}
	p.value = rest[1:]
	return p, true
}

// parseParam reads name "=" value *("," value) into params and returns what follows it.
func parseParam(s string, params map[string][]string) (string, bool) {
	eq := strings.IndexByte(s, '=')
	if eq <= 0 || !isName(s[:eq]) {
		return "", false
	}
	name := strings.ToUpper(s[:eq])
	s = s[eq+1:]
	for {
		value, rest, ok := paramValue(s)
		if !ok {
			return "", false
		}
		params[name] = append(params[name], value)
		if !strings.HasPrefix(rest, ",") {
			return rest, true
		}
		s = rest[1:]
	}
}

// paramValue reads one quoted or bare parameter value, decoding RFC 6868 caret escapes.
func paramValue(s string) (value, rest string, ok bool) {
	if strings.HasPrefix(s, `"`) {
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return "", "", false
		}
		return caret(s[1 : end+1]), s[end+2:], true
	}
	end := strings.IndexAny(s, ";:,")
	if end < 0 {
		return "", "", false
	}
	return caret(s[:end]), s[end:], true
}

// caret decodes RFC 6868: ^n is a newline, ^' a double quote, ^^ a caret.
var caret = strings.NewReplacer("^n", "\n", "^N", "\n", "^'", `"`, "^^", "^").Replace

// isName reports whether s is an iana-token or x-name: letters, digits and dashes.
func isName(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return s != ""
}

// text decodes a TEXT value: \n and \N are newlines, \\ \; \, \: their character; an unknown
// escape keeps its character and a final lone backslash is dropped (producers get this wrong).
func text(v string) string {
	return strings.TrimSpace(splitText(v, false)[0])
}

// textList decodes a comma-separated list of TEXT values (CATEGORIES), each trimmed, empty
// ones dropped.
func textList(v string) []string {
	var out []string
	for _, s := range splitText(v, true) {
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out
}

// splitText unescapes v, splitting it at unescaped commas when split is set.
func splitText(v string, split bool) []string {
	var parts []string
	var b strings.Builder
	for i := 0; i < len(v); i++ {
		c := v[i]
		switch {
		case c == '\\' && i+1 < len(v):
			i++
			if v[i] == 'n' || v[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(v[i])
			}
		case c == '\\':
		case c == ',' && split:
			parts = append(parts, b.String())
			b.Reset()
		default:
			b.WriteByte(c)
		}
	}
	return append(parts, b.String())
}
