package csvin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"

	"github.com/maillage/maillage/interop/formats/input"
)

// Row is one record of a CSV file: its cells under the header's names, in the header's order,
// and the line it starts on.
type Row struct {
	Line  int
	Cells []string
	// Extra counts the non-empty cells beyond the header's columns.
	Extra int
}

// Table is a CSV file read: its header and its rows, with the lines that could not be read.
type Table struct {
	Header []string
	Rows   []Row
	Bad    []BadLine
}

// BadLine is a line the CSV reader refused (an unbalanced quote), with the reader's reason.
type BadLine struct {
	Line   int
	Detail string
}

// Map returns row's cells by column name: the CSV reading layer as maps.
func (t *Table) Map(row Row) map[string]string {
	m := make(map[string]string, len(t.Header))
	for i, name := range t.Header {
		m[name] = ""
		if i < len(row.Cells) {
			m[name] = row.Cells[i]
		}
	}
	return m
}

// Read reads a whole CSV input: UTF-8 with or without a byte order mark, or Windows-1252 when
// it is not valid UTF-8; comma, semicolon or tab separated (sniffed from the header line);
// quoted cells holding separators, quotes and line breaks (kept exactly, CRLF included).
func Read(data []byte) (*Table, error) {
	data = toUTF8(data)
	r := csv.NewReader(bytes.NewReader(data))
	r.Comma = sniff(data)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	header, err := r.Read()
	if err != nil || blank(header) {
		return nil, input.Refuse(CodeNoHeader)
	}
	t := &Table{Header: trimAll(header)}
	if dup := duplicate(t.Header); dup != "" {
		return nil, input.Refuse(CodeDuplicateColumn, "column", dup)
	}
	return t, t.readRows(r, data)
}

func (t *Table) readRows(r *csv.Reader, data []byte) error {
	start := r.InputOffset()
	for {
		cells, err := r.Read()
		end := r.InputOffset()
		var pe *csv.ParseError
		switch {
		case errors.Is(err, io.EOF):
			return nil
		case errors.As(err, &pe):
			t.Bad = append(t.Bad, BadLine{Line: pe.StartLine, Detail: pe.Err.Error()})
		case err != nil:
			return input.Refuse(input.CodeUnreadable, "detail", err.Error())
		case !blank(cells):
			line, _ := r.FieldPos(0)
			restoreCRLF(cells, data[start:end])
			t.Rows = append(t.Rows, t.row(line, cells))
			if err := input.CheckCount(len(t.Rows)); err != nil {
				return err
			}
		}
		start = end
	}
}

func (t *Table) row(line int, cells []string) Row {
	row := Row{Line: line, Cells: cells}
	for _, c := range cells[min(len(cells), len(t.Header)):] {
		if strings.TrimSpace(c) != "" {
			row.Extra++
		}
	}
	return row
}

// toUTF8 drops a UTF-8 byte order mark, and decodes input that is not valid UTF-8 as
// Windows-1252, the encoding of spreadsheets saved as CSV on French Windows machines (it maps
// every byte, so the decoding cannot fail).
func toUTF8(data []byte) []byte {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	if utf8.Valid(data) {
		return data
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// sniff picks the separator from the header line: the most frequent of semicolon, tab and
// comma outside quotes, comma when there is none.
func sniff(data []byte) rune {
	counts := map[rune]int{}
	quoted := false
	for _, r := range string(data[:headerEnd(data)]) {
		switch {
		case r == '"':
			quoted = !quoted
		case !quoted && (r == ',' || r == ';' || r == '\t'):
			counts[r]++
		}
	}
	best := ','
	for _, r := range []rune{';', '\t'} {
		if counts[r] > counts[best] {
			best = r
		}
	}
	return best
}

// headerEnd is the end of the first line, a line break inside quotes aside.
func headerEnd(data []byte) int {
	quoted := false
	for i, b := range data {
		switch {
		case b == '"':
			quoted = !quoted
		case b == '\n' && !quoted:
			return i
		}
	}
	return len(data)
}

// restoreCRLF puts back the CRLF line breaks inside quoted cells, which encoding/csv turns
// into LF: the n-th line break of the cells is the n-th of the record's text (unquoted cells
// cannot hold one), so each one that was CRLF in raw is CRLF again.
func restoreCRLF(cells []string, raw []byte) {
	raw = bytes.TrimRight(raw, "\r\n")
	if !bytes.Contains(raw, []byte("\r\n")) {
		return
	}
	breaks := lineBreaks(raw)
	n := 0
	for i, c := range cells {
		if !strings.Contains(c, "\n") {
			continue
		}
		var b strings.Builder
		for _, r := range c {
			if r == '\n' {
				if n < len(breaks) && breaks[n] {
					b.WriteByte('\r')
				}
				n++
			}
			b.WriteRune(r)
		}
		cells[i] = b.String()
	}
}

// lineBreaks lists, for each LF of raw in order, whether a CR precedes it.
func lineBreaks(raw []byte) []bool {
	var out []bool
	for i, b := range raw {
		if b == '\n' {
			out = append(out, i > 0 && raw[i-1] == '\r')
		}
	}
	return out
}

// trimAll trims the header's names and names an unnamed column by its position.
func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
		if out[i] == "" {
			out[i] = "column " + strconv.Itoa(i+1)
		}
	}
	return out
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// duplicate returns a column name that appears twice, or "".
func duplicate(header []string) string {
	seen := map[string]bool{}
	for _, h := range header {
		if seen[h] {
			return h
		}
		seen[h] = true
	}
	return ""
}
