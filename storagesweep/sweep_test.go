package storagesweep_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	pt "github.com/maillage/maillage/photos/phototest"
	s "github.com/maillage/maillage/schema"
	"github.com/maillage/maillage/storagesweep"
)

// storage is a test app whose storage holds a live user's avatar and thumbnail, files of other
// shapes or collections the sweep must leave, and what a crash leaves: a deleted record's
// files and a replaced file of the live record, each with a thumbnail.
type storage struct {
	app           core.App
	kept, orphans []string
	emptied       []string // the folders the orphans leave empty
}

func newStorage(t *testing.T) storage {
	t.Helper()
	app := testapp.New(t, server.Config{})
	alice, _ := testapp.NewUser(t, app, "alice@example.org", s.RoleResident)
	avatar, err := filesystem.NewFileFromBytes(pt.JPEG(pt.Noise(64, 48)), "portrait.jpg")
	if err != nil {
		t.Fatal(err)
	}
	alice.Set("avatar", avatar)
	if err := app.Save(alice); err != nil {
		t.Fatalf("save the avatar: %v", err)
	}
	name, base, users := alice.GetString("avatar"), alice.BaseFilesPath(), alice.Collection().Id
	st := storage{app: app, kept: []string{
		base + "/" + name, base + "/thumbs_" + name + "/100x100_" + name,
		"crash_ballast/ballast.bin", "nosuchcollection/rec000000000001/file.jpg",
		"users/rec000000000001/named-by-collection-not-id.jpg",
		base + "/thumbs_" + name + "/deeper/than/thumbs.jpg",
	}, orphans: []string{
		base + "/replaced_a1b2c3.jpg", base + "/thumbs_replaced_a1b2c3.jpg/100x100_replaced_a1b2c3.jpg",
		users + "/deletedrecord01/gone_d4e5f6.jpg", users + "/deletedrecord01/thumbs_gone_d4e5f6.jpg/0x50_gone_d4e5f6.jpg",
	}, emptied: []string{users + "/deletedrecord01", base + "/thumbs_replaced_a1b2c3.jpg"}}
	for _, key := range st.kept[1:] { // thumbnails are made at their first request
		st.put(t, key)
	}
	for _, key := range st.orphans {
		st.put(t, key)
	}
	return st
}

func (st storage) put(t *testing.T, key string) {
	t.Helper()
	fsys := st.fsys(t)
	defer fsys.Close()
	if err := fsys.Upload([]byte("left behind"), key); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

func (st storage) fsys(t *testing.T) *filesystem.System {
	t.Helper()
	fsys, err := st.app.NewFilesystem()
	if err != nil {
		t.Fatal(err)
	}
	return fsys
}

// exists reports which of keys are in the storage.
func (st storage) exists(t *testing.T, keys []string) map[string]bool {
	t.Helper()
	fsys := st.fsys(t)
	defer fsys.Close()
	found := map[string]bool{}
	for _, key := range keys {
		ok, err := fsys.Exists(key)
		if err != nil && !errors.Is(err, filesystem.ErrNotFound) {
			t.Fatalf("exists %s: %v", key, err)
		}
		found[key] = ok
	}
	return found
}

// TestSweepRemovesOnlyWhatNoRecordNames: files younger than the cutoff stay; then the files no
// record names go with their thumbnails and emptied folders, and every file a record names, or
// of a shape or collection the sweep does not know, stays. The control: before the sweep the
// storage holds every orphan, so a sweep that removed nothing would fail.
func TestSweepRemovesOnlyWhatNoRecordNames(t *testing.T) {
	st := newStorage(t)
	all := append(append([]string{}, st.kept...), st.orphans...)
	for key, ok := range st.exists(t, all) {
		if !ok {
			t.Fatalf("control: %s is not in the storage before the sweep", key)
		}
	}
	rep, err := storagesweep.Sweep(st.app, time.Now().Add(-time.Hour))
	if err != nil || rep.Removed != 0 || rep.Young != len(st.orphans) {
		t.Fatalf("sweep with a cutoff an hour ago: %+v, %v; want nothing removed, %d young", rep, err, len(st.orphans))
	}
	rep, err = storagesweep.Sweep(st.app, time.Now().Add(time.Minute))
	if err != nil || rep.Removed != len(st.orphans) || rep.RemovedBytes != int64(len(st.orphans)*len("left behind")) {
		t.Fatalf("sweep: %+v, %v; want the %d orphans removed", rep, err, len(st.orphans))
	}
	found := st.exists(t, all)
	for _, key := range st.kept {
		if !found[key] {
			t.Errorf("%s was removed, want it kept", key)
		}
	}
	for _, key := range st.orphans {
		if found[key] {
			t.Errorf("%s is still stored, want it removed", key)
		}
	}
	st.checkFoldersGone(t)
}

// checkFoldersGone: the folders the orphans emptied are gone from the disk; the live record's
// folder stays.
func (st storage) checkFoldersGone(t *testing.T) {
	t.Helper()
	root := filepath.Join(st.app.DataDir(), "storage")
	for _, dir := range st.emptied {
		if _, err := os.Stat(filepath.Join(root, dir)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("folder %s: %v, want it removed", dir, err)
		}
	}
	if _, err := os.Stat(filepath.Join(root, filepath.Dir(st.kept[0]))); err != nil {
		t.Errorf("the live record's folder: %v", err)
	}
}

// TestSweepIsANightlyJob: the sweep is in PocketBase's cron, which the dashboard lists and can
// run.
func TestSweepIsANightlyJob(t *testing.T) {
	app := testapp.New(t, server.Config{})
	for _, job := range app.Cron().Jobs() {
		if job.Id() == storagesweep.JobID {
			return
		}
	}
	t.Fatalf("no %s job in the cron", storagesweep.JobID)
}
