package mobilesync_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tests"
	"github.com/pocketbase/pocketbase/tools/archive"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	s "github.com/maillage/maillage/schema"
)

// A restored backup carries its old epoch and its old seq counter. Restored through
// PocketBase's restore (its OnBackupRestore hooks run), the database gets a new epoch at the
// next start and every device's next pull answers a reset of all collections (reason epoch)
// with a cursor of the new epoch at its head, to pull from once they are re-snapshotted. Negative control: the same backup restored without the hooks keeps its
// epoch, and its seq counter is below what devices have seen, so seqs would be handed out
// twice: exactly what the epoch must prevent.
func TestRestoreStartsANewEpoch(t *testing.T) {
	srv := synctest.Start(t, server.Config{})
	fac := srv.NewUser(t, "fac@example.org", s.RoleFacilitator)
	newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic)
	if err := srv.App.CreateBackup(context.Background(), "before.zip"); err != nil {
		t.Fatalf("backup: %v", err)
	}
	newContent(t, srv.App, s.Initiatives, fac.ID(), s.VisibilityPublic)
	before := fac.Info(t)
	cursor := fac.PullAll(t, "").Cursor

	restored := synctest.Serve(t, restore(t, srv.App, "before.zip", true))
	after := sameUserOn(fac, restored).Info(t)
	if after.Epoch == before.Epoch {
		t.Fatalf("the restored database kept epoch %s", before.Epoch)
	}
	page := sameUserOn(fac, restored).Pull(t, ms.PullRequest{Cursor: cursor})
	if page.Reset == nil || page.Reset.Reason != ms.ResetEpoch || len(page.Reset.Collections) != len(after.Collections) {
		t.Fatalf("pull after restore: reset %+v, want an epoch reset of all %d collections", page.Reset, len(after.Collections))
	}
	if c, err := ms.DecodeCursorForTest(page.Cursor); err != nil || c.Epoch != after.Epoch || c.Seq != after.HeadSeq {
		t.Fatalf("pull after restore: cursor %+v (%v), want the new epoch %s at its head %d", c, err, after.Epoch, after.HeadSeq)
	}

	plain := synctest.Serve(t, restore(t, srv.App, "before.zip", false))
	control := sameUserOn(fac, plain).Info(t)
	if control.Epoch != before.Epoch || control.HeadSeq >= before.HeadSeq {
		t.Errorf("negative control: a restore without the hooks has epoch %s head %d, want the old epoch %s and a head below %d",
			control.Epoch, control.HeadSeq, before.Epoch, before.HeadSeq)
	}
}

// sameUserOn is u, with its token and client id, talking to another server.
func sameUserOn(u *synctest.User, srv *synctest.Srv) *synctest.User {
	c := *u
	c.Srv = srv
	return &c
}

// restore does what PocketBase's RestoreBackup does to the files (extract the backup, keep
// the excluded entries of the live data dir) into a new data dir, running the OnBackupRestore
// hooks first when withHooks, and starts an app on it (PocketBase would restart the process).
func restore(t *testing.T, app *tests.TestApp, name string, withHooks bool) *tests.TestApp {
	t.Helper()
	dir := t.TempDir()
	e := &core.BackupEvent{App: app, Context: context.Background(), Name: name,
		Exclude: []string{core.LocalBackupsDirName, core.LocalTempDirName, core.LocalAutocertCacheDirName}}
	extract := func(e *core.BackupEvent) error {
		if err := archive.Extract(filepath.Join(app.DataDir(), core.LocalBackupsDirName, name), dir); err != nil {
			return err
		}
		for _, keep := range e.Exclude {
			if err := copyFile(filepath.Join(app.DataDir(), keep), filepath.Join(dir, keep)); err != nil {
				return err
			}
		}
		return nil
	}
	var err error
	if withHooks {
		err = app.OnBackupRestore().Trigger(e, extract)
	} else {
		err = extract(e)
	}
	if err != nil {
		t.Fatalf("restore %s: %v", name, err)
	}
	return testapp.Clone(t, dir, server.Config{})
}

// copyFile copies a regular file; directories and missing files are skipped.
func copyFile(src, dst string) error {
	st, err := os.Stat(src)
	if errors.Is(err, fs.ErrNotExist) || (err == nil && !st.Mode().IsRegular()) {
		return nil
	}
	if err != nil {
		return err
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, st.Mode())
}
