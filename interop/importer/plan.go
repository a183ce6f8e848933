package importer

// Values are a record's imported fields, each as the JSON of its normalised value, so that
// values read back from a record, from a previous import and from the source compare equal
// when they mean the same.
type values map[string]string

// change is what an import does to one field of an existing record.
type change int

const (
	keep     change = iota // nothing new upstream, or already equal
	write                  // upstream changed and nobody edited the field in Maillage
	conflict               // both changed: the local value stays, the upstream one goes to moderators
)

// plan decides, field by field, what an import of upstream does to a record holding current,
// given the values the source gave at the previous import (prev; nil when none is known). A
// field edited in Maillage since the last import is never overwritten.
func plan(prev, current, upstream values) map[string]change {
	out := make(map[string]change, len(upstream))
	for f, up := range upstream {
		out[f] = decide(prev, f, current[f], up)
	}
	return out
}

func decide(prev values, f, cur, up string) change {
	p, known := prev[f]
	switch {
	case up == cur:
		return keep
	case known && up == p:
		return keep // the source did not change: whatever Maillage holds stays
	case known && cur == p, !known && isEmpty(cur):
		return write
	}
	return conflict
}

// isEmpty reports whether a normalised JSON value holds nothing.
func isEmpty(v string) bool {
	switch v {
	case "", `""`, "null", "[]", "{}", "false", "0", `{"lon":0,"lat":0}`:
		return true
	}
	return false
}
