package export

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// CSVContentType is the media type of the CSV exports (RFC 4180, with a header row).
const CSVContentType = "text/csv; charset=utf-8; header=present"

// writeCSV writes a header row and one row per record each yields (RFC 4180: comma, CRLF,
// quotes as needed, UTF-8), the location in lon and lat columns. CSV has no room for a licence:
// it is in the Link header (rel="license"), in the file name, and per row in the licence and
// attribution columns.
func writeCSV(w *bufio.Writer, r *refs, cols []column, each func(func(*core.Record) error) error) error {
	out := csv.NewWriter(w)
	out.UseCRLF = true
	header := []string{cols[0].name, "lon", "lat"}
	for _, col := range cols[1:] {
		header = append(header, col.name)
	}
	if err := out.Write(header); err != nil {
		return fmt.Errorf("csv header: %w", err)
	}
	row := make([]string, len(header))
	err := each(func(rec *core.Record) error {
		row = row[:0]
		row = append(row, cols[0].value(rec, r).(string), "", "")
		if lon, lat, ok := location(rec); ok {
			row[1], row[2] = formatFloat(round6(lon)), formatFloat(round6(lat))
		}
		for _, col := range cols[1:] {
			row = append(row, cell(col.value(rec, r)))
		}
		return out.Write(row)
	})
	if err != nil {
		return err
	}
	out.Flush()
	return out.Error()
}

// cell writes a flat value as CSV text: lists joined with ", ", numbers as JSON writes them.
func cell(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case float64:
		return formatFloat(t)
	case bool:
		return strconv.FormatBool(t)
	case []string:
		return strings.Join(t, ", ")
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func formatFloat(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }
