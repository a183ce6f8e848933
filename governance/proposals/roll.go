package proposals

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// saveBallot saves ballot and, for a first ballot, notes voter on the roll: the voter is
// read from the ballot for an open one and from the caller for a secret one. New rows get a
// random rowid.
func saveBallot(tx core.App, ballot *core.Record, voted bool, proposal, voter string) error {
	isNew := ballot.IsNew()
	if voter == "" {
		voter = ballot.GetString(s.FieldBallotVoter)
	}
	if err := tx.Save(ballot); err != nil {
		return err
	}
	if isNew {
		if err := scramble(tx, s.Votes, ballot.Id); err != nil {
			return err
		}
	}
	if voted || voter == "" {
		return nil
	}
	return enrol(tx, proposal, voter)
}

// enrol writes voter on proposal's roll.
func enrol(tx core.App, proposal, voter string) error {
	c, err := tx.FindCollectionByNameOrId(s.VoteRoll)
	if err != nil {
		return err
	}
	r := core.NewRecord(c)
	r.Set(s.FieldBallotProposal, proposal)
	r.Set(s.FieldBallotVoter, voter)
	if err := tx.Save(r); err != nil {
		return err
	}
	return scramble(tx, s.VoteRoll, r.Id)
}

// scramble gives the row id of table a random rowid, so that rowids do not follow the order
// of insertion (SQLite gives max(rowid)+1 otherwise).
func scramble(tx core.App, table, id string) error {
	var b [8]byte
	_, _ = rand.Read(b[:])
	rowid := int64(binary.BigEndian.Uint64(b[:]) >> 2) // positive, far from the maximum
	_, err := tx.DB().NewQuery("UPDATE {{" + table + "}} SET rowid = {:r} WHERE id = {:id}").
		Bind(dbx.Params{"r": rowid, "id": id}).Execute()
	return err
}

func hashToken(token string) string {
	h := sha256.Sum256([]byte(token))
	return hex.EncodeToString(h[:])
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
