package ical

import (
	"strings"
)

// maxDepth bounds component nesting (VCALENDAR > VEVENT > VALARM is three): a deeper BEGIN is
// ignored, so a hostile file cannot make the walk recurse without end.
const maxDepth = 16

// prop is one content line: its name and parameter names in upper case, its value as written
// (still escaped).
type prop struct {
	name   string
	params map[string][]string
	value  string
}

// param returns the first value of parameter name, "" when absent.
func (p prop) param(name string) string {
	if v := p.params[name]; len(v) > 0 {
		return v[0]
	}
	return ""
}

// component is a BEGIN…END block with its properties and nested blocks.
type component struct {
	name     string
	props    []prop
	children []*component
}

// get returns the first property called name, nil when absent.
func (c *component) get(name string) *prop {
	for i := range c.props {
		if c.props[i].name == name {
			return &c.props[i]
		}
	}
	return nil
}

// all returns every property called name.
func (c *component) all(name string) []prop {
	var out []prop
	for _, p := range c.props {
		if p.name == name {
			out = append(out, p)
		}
	}
	return out
}

// read parses an iCalendar stream into its top-level components, leniently: line endings
// CRLF, LF or CR; a BOM and invalid UTF-8 repaired; blank and unparsable lines skipped; an END
// closes the innermost open component of its name (closing any left open inside it); an END
// with no open match and properties outside any component are ignored; components left open
// at the end of the input are kept (a truncated file keeps what it has); a BEGIN:VCALENDAR
// always starts a new calendar, even when the previous one was left open.
func read(text string) []*component {
	var roots, stack []*component
	for _, line := range unfold(text) {
		p, ok := parseLine(line)
		if !ok {
			continue
		}
		switch p.name {
		case "BEGIN":
			c := &component{name: strings.ToUpper(strings.TrimSpace(p.value))}
			if c.name == "VCALENDAR" {
				stack = nil // calendars do not nest: one left open was cut short
			}
			if len(stack) >= maxDepth {
				continue
			}
			if len(stack) == 0 {
				roots = append(roots, c)
			} else {
				top := stack[len(stack)-1]
				top.children = append(top.children, c)
			}
			stack = append(stack, c)
		case "END":
			stack = closeComponent(stack, strings.ToUpper(strings.TrimSpace(p.value)))
		default:
			if len(stack) > 0 {
				top := stack[len(stack)-1]
				top.props = append(top.props, p)
			}
		}
	}
	return roots
}

// closeComponent pops the innermost open component called name and those opened inside it.
func closeComponent(stack []*component, name string) []*component {
	for i := len(stack) - 1; i >= 0; i-- {
		if stack[i].name == name {
			return stack[:i]
		}
	}
	return stack
}

// unfold splits text into logical content lines: a physical line that starts with a space or a
// tab continues the previous one (RFC 5545 §3.1); blank lines are dropped.
func unfold(text string) []string {
	text = strings.TrimPrefix(strings.ToValidUTF8(text, "\uFFFD"), "\uFEFF")
	text = strings.ReplaceAll(text, "\r\n", "\n")
	text = strings.ReplaceAll(text, "\r", "\n")
	var lines []string
	var cur strings.Builder
	for _, phys := range strings.Split(text, "\n") {
		if phys != "" && (phys[0] == ' ' || phys[0] == '\t') {
			cur.WriteString(phys[1:])
			continue
		}
		if cur.Len() > 0 {
			lines = append(lines, cur.String())
		}
		cur.Reset()
		if strings.TrimSpace(phys) != "" {
			cur.WriteString(phys)
		}
	}
	if cur.Len() > 0 {
		lines = append(lines, cur.String())
	}
	return lines
}
