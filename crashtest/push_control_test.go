package crashtest

import (
	"database/sql"
	"testing"
)

// TestPushChecksCatchHalfApplied is the negative control of TestKillDuringPush: after a kill,
// the database is changed as a server that commits a chunk's records apart from its
// bookkeeping would leave it (the last committed chunk's records kept, its results and counter
// advance lost). The checks after the restart and after the retry must both fail.
func TestPushChecksCatchHalfApplied(t *testing.T) {
	skipShort(t)
	s := newServer(t)
	p := killedPush(t, s, s.facilitator("control@example.org"), 2)
	s.kill()
	forgetLastChunk(t, s.db(), p.c.ID(), p.afterRestart-chunk)
	s.start()
	p.afterRestart = p.lastSeq(t)
	if err := p.checkAtomic(p.state(t)); err == nil {
		t.Fatalf("records without their results passed the check after the restart")
	} else {
		t.Logf("after the restart, caught: %.300v", err)
	}
	if err := p.retry(); err != nil {
		t.Fatalf("retry: %v", err)
	}
	if err := p.checkExactlyOnce(p.state(t)); err == nil {
		t.Fatalf("mutations applied twice passed the check after the retry")
	} else {
		t.Logf("after the retry, caught: %.300v", err)
	}
}

// forgetLastChunk sets the client's counter back to seq and deletes its results above it,
// leaving the records those mutations created (the server is stopped).
func forgetLastChunk(t *testing.T, path, clientID string, seq int64) {
	t.Helper()
	execSQL(t, path, "UPDATE _sync_clients SET lastMutationSeq = ? WHERE clientId = ?", seq, clientID)
	execSQL(t, path, "DELETE FROM _sync_mutations WHERE mseq > ? AND clientId = ?", seq, clientID)
}

// execSQL runs one statement on the database of a stopped server (negative controls only).
func execSQL(t *testing.T, path, query string, args ...any) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
