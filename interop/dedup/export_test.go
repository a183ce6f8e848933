package dedup

import (
	"encoding/json"
	"fmt"
)

// String writes a pair for tests to compare: its records in order, its score and reasons.
func (p Pair) String() string {
	a, b := p.a, p.b
	if b < a {
		a, b = b, a
	}
	why, _ := json.Marshal(p.why)
	return fmt.Sprintf("%s %s/%s %.3f %s", p.collection, a, b, p.score, why)
}
