package ical

import (
	"bytes"
	"io"
	"unicode/utf8"
)

// maxLine is the most octets a content line takes before it is folded (RFC 5545 §3.1: "SHOULD
// NOT be longer than 75 octets, excluding the line break").
const maxLine = 75

// foldWriter folds every CRLF-terminated line written through it at maxLine octets, never
// inside a UTF-8 sequence: go-ical's encoder writes lines whole.
type foldWriter struct {
	w       io.Writer
	pending []byte
	err     error
}

// Write buffers p and writes each complete line folded.
func (f *foldWriter) Write(p []byte) (int, error) {
	if f.err != nil {
		return 0, f.err
	}
	f.pending = append(f.pending, p...)
	for {
		i := bytes.Index(f.pending, []byte("\r\n"))
		if i < 0 {
			return len(p), nil
		}
		if f.err = f.writeLine(f.pending[:i]); f.err != nil {
			return 0, f.err
		}
		f.pending = f.pending[i+2:]
	}
}

// writeLine writes one logical line as its first 75 octets, then continuation lines of a
// space and at most 74 octets.
func (f *foldWriter) writeLine(line []byte) error {
	var out bytes.Buffer
	limit := maxLine
	for len(line) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(line[cut]) {
			cut--
		}
		out.Write(line[:cut])
		out.WriteString("\r\n ")
		line, limit = line[cut:], maxLine-1
	}
	out.Write(line)
	out.WriteString("\r\n")
	_, err := f.w.Write(out.Bytes())
	return err
}
