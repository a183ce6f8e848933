// Package csvin decodes CSV files (spreadsheets saved as CSV, open-data tables) into items:
// UTF-8 or Windows-1252, comma, semicolon or tab separated, quoted cells with line breaks.
// The header names the columns; fields recognises them whatever their case and accents (nom,
// adresse, lat/latitude, lon/lng/longitude, a "lat, lon" cell, téléphone, site web…), and every
// cell is also kept in Item.Extra under its column's name, so a source's mapping can pick any
// column. A row with an address and no coordinates keeps its address as text (no geocoding).
//
//	got, err := csvin.Decode(file, schema.Initiatives)
package csvin

import (
	"fmt"
	"io"

	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats/fields"
	"github.com/maillage/maillage/interop/formats/input"
)

// Codes of this package's refusals and problems, message keys of the i18n package.
const (
	CodeNoHeader        = "format_csv_no_header"
	CodeDuplicateColumn = "format_csv_duplicate_column"
	CodeBadRow          = "format_csv_bad_row"
	CodeExtraCells      = "format_csv_extra_cells"
)

// Decode reads a CSV input into items of collection (an interop.Decoder).
func Decode(r io.Reader, collection string) (interop.Decoded, error) {
	data, err := input.Read(r, collection)
	if err != nil {
		return interop.Decoded{}, err
	}
	t, err := Read(data)
	if err != nil {
		return interop.Decoded{}, err
	}
	var out interop.Decoded
	for _, bad := range t.Bad {
		out.Problems = append(out.Problems, fields.Problem(lineLabel(bad.Line), CodeBadRow, "detail", bad.Detail))
	}
	for _, row := range t.Rows {
		it, problem := fields.Item(t.pairs(row), collection, lineLabel(row.Line))
		switch {
		case problem != nil:
			out.Problems = append(out.Problems, *problem)
		case row.Extra > 0:
			out.Problems = append(out.Problems, fields.Problem(it.Label, CodeExtraCells, "count", row.Extra))
		default:
			if it.ExternalID == "" {
				it.ExternalID = fields.Identity(it)
			}
			out.Items = append(out.Items, it)
		}
	}
	return out, nil
}

func (t *Table) pairs(row Row) []fields.Pair {
	pairs := make([]fields.Pair, len(t.Header))
	for i, name := range t.Header {
		pairs[i].Name = name
		if i < len(row.Cells) {
			pairs[i].Value = row.Cells[i]
		}
	}
	return pairs
}

func lineLabel(line int) string { return fmt.Sprintf("line %d", line) }
