package mobilesync

import (
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// A person's devices, for their data export and their account's deletion (package account).

// Device is one sync client of a person: its id, how many mutations it pushed, when it last
// pushed.
type Device struct {
	ClientID        string `db:"clientId" json:"clientId"`
	LastMutationSeq int64  `db:"lastMutationSeq" json:"lastMutationSeq"`
	Updated         string `db:"updated" json:"updated"`
}

// Devices lists userID's sync clients.
func Devices(app core.App, userID string) ([]Device, error) {
	if err := ensureClientTables(app); err != nil {
		return nil, err
	}
	out := []Device{}
	err := app.DB().Select("clientId", "lastMutationSeq", "updated").From(tableClients).
		Where(dbx.HashExp{"user": userID}).OrderBy("clientId").All(&out)
	if err != nil {
		return nil, fmt.Errorf("read devices of %s: %w", userID, err)
	}
	return out, nil
}

// ForgetUser deletes the push bookkeeping of userID's devices: their clients and the stored
// results of their mutations, which hold copies of what they wrote. Run it in the transaction
// that deletes the account. The change log holds only ids and stays; a device of the deleted
// account is refused (401) at its next call since its token no longer loads.
func ForgetUser(app core.App, userID string) error {
	if err := ensureClientTables(app); err != nil {
		return err
	}
	_, err := app.DB().NewQuery("DELETE FROM " + tableMutations + " WHERE clientId IN" +
		" (SELECT clientId FROM " + tableClients + " WHERE user = {:user})").Bind(dbx.Params{"user": userID}).Execute()
	if err != nil {
		return fmt.Errorf("forget mutations of %s: %w", userID, err)
	}
	_, err = app.DB().Delete(tableClients, dbx.HashExp{"user": userID}).Execute()
	if err != nil {
		return fmt.Errorf("forget devices of %s: %w", userID, err)
	}
	return nil
}
