package account

import (
	"io"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// Deliberately broken paths for the external tests' negative controls.

// DeleteSkipping deletes an account but leaves collection alone (and, with keepDevices, the
// devices' sync bookkeeping).
func DeleteSkipping(app core.App, userID, contributions, collection string, keepDevices bool) (Summary, error) {
	return deleteWith(app, userID, contributions, plan{skip: collection, keepDevices: keepDevices})
}

// ExportLeaky exports with every message of the database alongside the person's own, and
// without checking that the person may read what names them.
func ExportLeaky(app core.App, user *core.Record, w io.Writer) error {
	saved, savedReadable := alongside[s.Messages], readable
	defer func() { alongside[s.Messages], readable = saved, savedReadable }()
	alongside[s.Messages] = func(string) dbx.Expression { return dbx.NewExp("1=1") }
	readable = func(core.App, *core.Record, *core.Record) bool { return true }
	return Export(app, user, "en", w)
}
