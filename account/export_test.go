package account_test

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/maillage/maillage/account"
	"github.com/maillage/maillage/mobile_sync/synctest"
)

// unzip reads every entry of a zip.
func unzip(t *testing.T, data []byte) map[string][]byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("read zip: %v", err)
	}
	out := map[string][]byte{}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatalf("open %s: %v", f.Name, err)
		}
		out[f.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatalf("read %s: %v", f.Name, err)
		}
	}
	return out
}

// exportOf downloads u's export over HTTP.
func exportOf(t *testing.T, u *synctest.User) map[string][]byte {
	t.Helper()
	status, body, err := u.Call(http.MethodGet, account.PathExport, nil)
	if err != nil || status != http.StatusOK {
		t.Fatalf("export as %s: %d %s %v", u, status, body, err)
	}
	return unzip(t, body)
}

// ids reads the ids of the records of one JSON file of an export.
func ids(t *testing.T, files map[string][]byte, name string) map[string]bool {
	t.Helper()
	var recs []map[string]any
	if err := json.Unmarshal(files[name], &recs); err != nil {
		t.Fatalf("%s: %v (%s)", name, err, files[name])
	}
	out := map[string]bool{}
	for _, r := range recs {
		out[r["id"].(string)] = true
	}
	return out
}

// othersIn returns the labels of other people's data found in any entry of an export.
func othersIn(files map[string][]byte, others map[string]string) []string {
	var out []string
	for label, needle := range others {
		for _, data := range files {
			if bytes.Contains(data, []byte(needle)) {
				out = append(out, label)
				break
			}
		}
	}
	return out
}

func TestExportHoldsEachKindOfDataAndNothingOfOthers(t *testing.T) {
	w := newWorld(t)
	files := exportOf(t, w.alice)
	want := map[string][]string{
		"users.json":                   {w.alice.ID()},
		"messages.json":                {w.recs["aliceMessage"].Id, w.recs["aliceOffline"].Id, w.recs["bobMessage"].Id},
		"conversations.json":           {w.recs["shared"].Id, w.recs["lonely"].Id, w.recs["about"].Id},
		"conversationReads.json":       {w.recs["read"].Id},
		"blocks.json":                  {w.recs["aliceBlock"].Id},
		"offers.json":                  {w.recs["aliceOffer"].Id, w.recs["bobOffer"].Id},
		"initiatives.json":             {w.recs["alicePrivate"].Id},
		"comments.json":                {w.recs["aliceComment"].Id},
		"threads.json":                 {w.recs["aliceThread"].Id},
		"bookings.json":                {w.recs["booking"].Id},
		"communities.json":             {w.recs["community"].Id},
		"pushSubscriptions.json":       {w.recs["subscription"].Id},
		"notificationPreferences.json": {w.recs["preferences"].Id},
	}
	for name, wantIDs := range want {
		got := ids(t, files, name)
		for _, id := range wantIDs {
			if !got[id] {
				t.Errorf("%s misses %s (has %v)", name, id, got)
			}
		}
	}
	for label, needle := range w.secrets {
		if !bytes.Contains(bytes.Join(values(files), nil), []byte(needle)) && label != "device id" {
			t.Errorf("the export misses alice's %s", label)
		}
	}
	w.checkExportFiles(t, files)
	if got := othersIn(files, w.others()); len(got) > 0 {
		t.Errorf("alice's export holds other people's data: %v", got)
	}
	if ids(t, files, "blocks.json")[w.recs["carolBlock"].Id] {
		t.Error("alice's export holds carol's block of her (carol's own data)")
	}
	if strings.Contains(string(files["users.json"]), "password") || strings.Contains(string(files["users.json"]), "tokenKey") {
		t.Errorf("users.json holds secrets: %s", files["users.json"])
	}
}

// Negative control: an export that put every message alongside alice's would carry carol's
// message to bob, and the check above would see it.
func TestExportCheckFindsALeak(t *testing.T) {
	w := newWorld(t)
	var buf bytes.Buffer
	if err := account.ExportLeaky(w.srv.App, w.alice.Record, &buf); err != nil {
		t.Fatal(err)
	}
	if got := othersIn(unzip(t, buf.Bytes()), w.others()); len(got) == 0 {
		t.Error("the check found nothing of others in a leaky export")
	}
	status, _, _ := w.srv.Anonymous().Call(http.MethodGet, account.PathExport, nil)
	if status != http.StatusUnauthorized {
		t.Errorf("anonymous export: %d, want 401", status)
	}
}

// checkExportFiles: the README, alice's avatar and offer photo as stored.
func (w *world) checkExportFiles(t *testing.T, files map[string][]byte) {
	t.Helper()
	if !bytes.Contains(files["README.txt"], []byte("messages.json")) {
		t.Errorf("README.txt does not list the files: %s", files["README.txt"])
	}
	for _, rec := range []string{"", "aliceOffer"} {
		r := w.alice.Record
		if rec != "" {
			r = w.recs[rec]
		}
		for key, data := range storedFiles(t, w.srv.App, r) {
			name := "files/" + strings.Replace(key, " ", "/"+r.Id+"/", 1)
			if !bytes.Equal(files[name], data) {
				t.Errorf("%s missing or not the stored file (entries: %v)", name, keys(files))
			}
		}
	}
}

// others are other people's data that alice's export must not hold: their e-mails, bob's
// name, carol's message in a conversation alice is not in.
func (w *world) others() map[string]string {
	return map[string]string{"bob's e-mail": w.bob.Record.Email(), "carol's e-mail": w.carol.Record.Email(),
		"bob's name": "Bob Voisin", "carol's message": carolMessage}
}

func values(m map[string][]byte) [][]byte {
	var out [][]byte
	for _, v := range m {
		out = append(out, v)
	}
	return out
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
