package revisions

import (
	"encoding/json"
	"strings"

	"github.com/pocketbase/pocketbase/core"
)

// The changes a revision holds, as SQL the triggers evaluate: {field: {before, after}} of the
// fields whose JSON value differs, as the REST API shows the values.

// changesExpr builds {field: {before, after}} of the fields whose JSON value differs. Each row
// is one JSON object of its fields, and a fixed query over the new one (the old one for a
// delete) compares them key by key: SQLite compiles a trigger into every statement that fires
// it, so the trigger's size, not the number of fields, is what a save pays for when its
// statement is prepared anew; an expression per field made such saves 3–4 times slower. A
// create or a delete, which has one side only, lists that side's values instead.
func changesExpr(c *core.Collection, old, new string) string {
	switch {
	case old == "":
		return oneSideChanges(c, new, "after")
	case new == "":
		return oneSideChanges(c, old, "before")
	}
	return bothSidesChanges(c, old, new)
}

// bothSidesChanges compares the two rows' JSON objects key by key.
func bothSidesChanges(c *core.Collection, old, new string) string {
	value := func(side string) string { return "json(coalesce(r." + side + " -> e.key, 'null'))" }
	return "(SELECT json_group_object(e.key, json_object('before', " + value("o") + ", 'after', " + value("n") + "))" +
		" FROM (SELECT " + rowObject(c, old) + " AS o, " + rowObject(c, new) + " AS n LIMIT 1) AS r," +
		" json_each(coalesce(r.n, r.o)) AS e WHERE " + value("o") + " IS NOT " + value("n") + ")"
}

// oneSideChanges is changesExpr for a row that exists on one side only (before or after as
// side): each of row ref's fields that is not null, written as JSON text by concatenation.
// SQLite's JSON functions, compiled to Go here, cost more than the text they build, and an
// import writes thousands of creates; the text is the same as the general expression's
// (TestOneSidedChangesAreTheGeneralOnes).
func oneSideChanges(c *core.Collection, ref, side string) string {
	var entries []string
	for _, f := range c.Fields {
		if systemFields[f.GetName()] {
			continue
		}
		value, isNull := jsonValue(f, ref), ref+"."+quoteIdent(f.GetName())+" IS NULL"
		switch {
		case f.Type() == core.FieldTypeBool:
			isNull = "0" // true or false, never null
		case isJSONColumn(f):
			isNull = "(" + value + ") = 'null'"
		}
		change := `{"before":null,"after":' || ` + value + ` || '}`
		if side == "before" {
			change = `{"before":' || ` + value + ` || ',"after":null}`
		}
		entries = append(entries, "CASE WHEN "+isNull+" THEN '' ELSE ',"+jsonKey(f.GetName())+":"+change+"' END")
	}
	return "('{' || substr(" + strings.Join(entries, " || ") + ", 2) || '}')"
}

// jsonKey is name as a JSON string, inside an SQL literal.
func jsonKey(name string) string {
	k, _ := json.Marshal(name)
	return strings.ReplaceAll(string(k), "'", "''")
}

// maxPairsPerCall keeps every SQL function call under SQLite's default limit of 127 arguments.
const maxPairsPerCall = 60

// rowObject is the JSON object of row ref's fields but the system ones (NULL when there is
// no row): json_object of the first fields, json_insert of the others.
func rowObject(c *core.Collection, ref string) string {
	if ref == "" {
		return "NULL"
	}
	var names, values []string
	for _, f := range c.Fields {
		if !systemFields[f.GetName()] {
			names = append(names, f.GetName())
			values = append(values, jsonValue(f, ref))
		}
	}
	var expr string
	for start := 0; start < len(names); start += maxPairsPerCall {
		var args []string
		for i := start; i < min(start+maxPairsPerCall, len(names)); i++ {
			key := quoteLiteral(names[i])
			if start > 0 {
				key = quoteLiteral(`$."` + names[i] + `"`)
			}
			args = append(args, key, values[i])
		}
		if start == 0 {
			expr = "json_object(" + strings.Join(args, ", ") + ")"
		} else {
			expr = "json_insert(" + expr + ", " + strings.Join(args, ", ") + ")"
		}
	}
	return expr
}

// jsonValue is the JSON value of field f in row ref, as the REST API shows it: booleans as
// true/false, JSON columns as their value, others as strings or numbers.
func jsonValue(f core.Field, ref string) string {
	col := ref + "." + quoteIdent(f.GetName())
	switch {
	case f.Type() == core.FieldTypeBool:
		return "json(CASE WHEN " + col + " THEN 'true' ELSE 'false' END)"
	case isJSONColumn(f):
		return "CASE WHEN json_valid(" + col + ") THEN json(" + col + ") ELSE json_quote(" + col + ") END"
	default:
		return "json_quote(" + col + ")"
	}
}

// isJSONColumn reports whether f stores JSON text: json and geoPoint fields and the fields
// holding several values.
func isJSONColumn(f core.Field) bool {
	if f.Type() == core.FieldTypeJSON || f.Type() == core.FieldTypeGeoPoint {
		return true
	}
	m, ok := f.(core.MultiValuer)
	return ok && m.IsMultiple()
}
