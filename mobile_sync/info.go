package mobilesync

import (
	"fmt"
	"net/http"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
)

// logState is where the change log stands, read in one transaction.
type logState struct {
	epoch  string
	head   int64
	minSeq int64
}

// readState reads the epoch, head and pruning horizon through db.
func readState(db dbx.Builder) (logState, error) {
	var st logState
	var err error
	if st.epoch, err = readMeta(db, metaEpoch); err != nil {
		return st, err
	}
	if st.epoch == "" {
		return st, fmt.Errorf("read state: no epoch yet (the change log is set up when the server starts)")
	}
	if st.head, err = headSeqOn(db); err != nil {
		return st, err
	}
	st.minSeq, err = minSeqOn(db)
	return st, err
}

// info answers GET /api/sync/info.
func (sv *service) info(e *core.RequestEvent) error {
	var out Info
	err := sv.readTx(e.Request.Context(), e.App, func(db dbx.Builder) error {
		st, err := readState(db)
		if err != nil {
			return err
		}
		out = Info{Protocol: Protocol, Epoch: st.epoch, HeadSeq: st.head, MinSeq: st.minSeq}
		out.SchemaVersion, err = schemaVersion(db)
		return err
	})
	if err != nil {
		return e.InternalServerError(i18n.Tr(e, "sync_info_failed", nil), err)
	}
	out.Collections, _ = sv.pick(e.App, nil)
	if out.Collections == nil {
		out.Collections = []string{}
	}
	return e.JSON(http.StatusOK, out)
}

// schemaVersion is the last applied migration: clients compare it to know the schema moved.
func schemaVersion(db dbx.Builder) (string, error) {
	var v string
	err := db.NewQuery("SELECT file FROM _migrations ORDER BY applied DESC, file DESC LIMIT 1").Row(&v)
	if err != nil && !isNoRows(err) {
		return "", fmt.Errorf("read schema version: %w", err)
	}
	return v, nil
}
