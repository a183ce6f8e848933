package mobilesync

import (
	"encoding/json"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// HasFastPath reports whether snapshots of c are written straight from its columns.
func HasFastPath(c *core.Collection) bool { return newRowWriter(c) != nil }

// ColumnJSON writes record id of c straight from its columns, as the fast path would even
// where c keeps the slow path (the negative control of the fast path's tests).
func ColumnJSON(app core.App, c *core.Collection, id string) (json.RawMessage, error) {
	w := columnWriter(c)
	if w == nil {
		return nil, fmt.Errorf("%s has a field the column writer cannot write", c.Name)
	}
	q := app.RecordQuery(c).AndWhere(dbx.HashExp{c.Name + ".id": id}).Build()
	p, err := w.readRows(app.DB(), q.SQL(), q.Params())
	if err != nil || len(p.raws) != 1 {
		return nil, fmt.Errorf("read %s/%s: %d rows, %v", c.Name, id, len(p.raws), err)
	}
	return p.raws[0], nil
}
