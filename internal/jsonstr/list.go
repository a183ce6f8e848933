package jsonstr

import "bytes"

// PlainList reads a list column (a select, relation or file field) of the simple form
// PocketBase stores, as the field's PrepareValue would read it (list.ToUniqueStringSlice):
// either one value, or a JSON array of values with no space (`["a","b"]`), each value
// non-empty, made of characters a JSON string holds as they are, and none repeated. It appends
// the values to dst; ok is false for any other form, which the caller reads through
// PrepareValue.
func PlainList(col []byte, dst [][]byte) (items [][]byte, ok bool) {
	if len(col) == 0 || bytes.IndexByte(col, '[') < 0 {
		return append(dst, col), len(col) > 0 && plain(col)
	}
	if len(col) < 2 || col[0] != '[' || col[len(col)-1] != ']' {
		return dst, false
	}
	start := len(dst)
	for rest := col[1 : len(col)-1]; len(rest) > 0; {
		if len(rest) < 3 || rest[0] != '"' {
			return dst, false
		}
		end := bytes.IndexByte(rest[1:], '"') + 1
		if end < 2 || !plain(rest[1:end]) {
			return dst, false
		}
		item := rest[1:end]
		for _, seen := range dst[start:] {
			if bytes.Equal(seen, item) {
				return dst, false
			}
		}
		dst, rest = append(dst, item), rest[end+1:]
		if len(rest) > 0 {
			if rest[0] != ',' || len(rest) == 1 {
				return dst, false
			}
			rest = rest[1:]
		}
	}
	return dst, len(dst) > start
}

// plain reports whether every byte of b is ASCII that Append writes as it is.
func plain(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 || !safe[c] {
			return false
		}
	}
	return true
}
