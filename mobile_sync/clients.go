package mobilesync

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"
)

// Exactly-once bookkeeping of the push: each client's mutation counter, bound to the user that
// first pushed with it, and the stored result of every mutation it pushed.
const (
	tableClients   = "_sync_clients"
	tableMutations = "_sync_mutations"
)

var clientTablesSQL = []string{
	`CREATE TABLE IF NOT EXISTS ` + tableClients + ` (
		clientId TEXT PRIMARY KEY NOT NULL,
		user TEXT NOT NULL,
		lastMutationSeq INTEGER NOT NULL DEFAULT 0,
		updated TEXT NOT NULL DEFAULT ''
	)`,
	`CREATE TABLE IF NOT EXISTS ` + tableMutations + ` (
		clientId TEXT NOT NULL,
		mseq INTEGER NOT NULL,
		result JSON NOT NULL,
		PRIMARY KEY (clientId, mseq)
	) WITHOUT ROWID`,
	// ownSpans looks up a client's mutations of one record.
	`CREATE INDEX IF NOT EXISTS ` + tableMutations + `_record ON ` + tableMutations +
		` (clientId, json_extract(result, '$.c'), json_extract(result, '$.id'))`,
}

// pbID matches the ids PocketBase generates, which clients generate too.
var pbID = regexp.MustCompile(`^[a-z0-9]{15}$`)

// ErrForeignClient means a client id already belongs to another user.
var ErrForeignClient = errors.New("client id belongs to another user")

// ensureClientTables creates the push bookkeeping tables if they are missing.
func ensureClientTables(app core.App) error {
	for _, q := range clientTablesSQL {
		if _, err := app.DB().NewQuery(q).Execute(); err != nil {
			return fmt.Errorf("create sync client tables: %w", err)
		}
	}
	return nil
}

// claimClient returns clientID's last mutation seq, binding the client to userID on first use.
// It returns ErrForeignClient when another user owns the client id.
func claimClient(app core.App, clientID, userID string) (int64, error) {
	var row struct {
		User string `db:"user"`
		Last int64  `db:"lastMutationSeq"`
	}
	err := app.DB().Select("user", "lastMutationSeq").From(tableClients).
		Where(dbx.HashExp{"clientId": clientID}).One(&row)
	if errors.Is(err, sql.ErrNoRows) {
		_, err = app.DB().Insert(tableClients, dbx.Params{
			"clientId": clientID, "user": userID, "lastMutationSeq": 0, "updated": types.NowDateTime().String(),
		}).Execute()
		if err != nil {
			return 0, fmt.Errorf("register client: %w", err)
		}
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read client: %w", err)
	}
	if row.User != userID {
		return 0, ErrForeignClient
	}
	return row.Last, nil
}

// LastMutationSeq returns the last mutation seq the server acknowledged for clientID pushed by
// userID, 0 for an unknown client or one owned by someone else (pull reports it to the client).
func LastMutationSeq(app core.App, clientID, userID string) (int64, error) {
	var last int64
	err := app.DB().Select("lastMutationSeq").From(tableClients).
		Where(dbx.HashExp{"clientId": clientID, "user": userID}).Row(&last)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read last mutation seq: %w", err)
	}
	return last, nil
}

// recordResult stores a mutation's result, with the record's revision before it, and advances
// the client's counter, in the caller's transaction together with the mutation's effects.
func recordResult(app core.App, clientID string, m Mutation, revBefore int64, res Result) error {
	stored := storedMutation{Result: res, C: m.C, ID: m.ID, RevBefore: revBefore}
	stored.R = nil // the record is re-read on replay: access may have changed since
	raw, err := json.Marshal(stored)
	if err != nil {
		return fmt.Errorf("encode result %d: %w", res.Mseq, err)
	}
	if _, err := app.DB().Insert(tableMutations, dbx.Params{
		"clientId": clientID, "mseq": res.Mseq, "result": string(raw),
	}).Execute(); err != nil {
		return fmt.Errorf("store result %d: %w", res.Mseq, err)
	}
	_, err = app.DB().Update(tableClients, dbx.Params{
		"lastMutationSeq": res.Mseq, "updated": types.NowDateTime().String(),
	}, dbx.HashExp{"clientId": clientID}).Execute()
	if err != nil {
		return fmt.Errorf("advance client counter to %d: %w", res.Mseq, err)
	}
	return nil
}

// storedResult returns the result stored for a replayed mseq as a duplicate, keeping the
// original status in OriginalStatus.
func storedResult(app core.App, clientID string, mseq int64) (Result, error) {
	var raw string
	err := app.DB().Select("result").From(tableMutations).
		Where(dbx.HashExp{"clientId": clientID, "mseq": mseq}).Row(&raw)
	if errors.Is(err, sql.ErrNoRows) {
		return Result{Mseq: mseq, Status: StatusDuplicate}, nil
	}
	if err != nil {
		return Result{}, fmt.Errorf("read stored result %d: %w", mseq, err)
	}
	var res Result
	if err := json.Unmarshal([]byte(raw), &res); err != nil {
		return Result{}, fmt.Errorf("decode stored result %d: %w", mseq, err)
	}
	res.OriginalStatus, res.Status = res.Status, StatusDuplicate
	return res, nil
}
