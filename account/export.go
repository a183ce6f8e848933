package account

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/maillage/maillage/i18n"
	mobilesync "github.com/maillage/maillage/mobile_sync"
	s "github.com/maillage/maillage/schema"
)

// exportPageSize bounds the records held in memory while exporting.
const exportPageSize = 200

// exporter writes one person's export into a zip, collection by collection.
type exporter struct {
	app    core.App
	user   *core.Record
	lang   string
	zip    *zip.Writer
	fsys   *filesystem.System
	listed []string // the README's lines, one per file of records
}

// Export writes into w the zip of everything Maillage holds about user (the layout is in the
// zip's README.txt and in docs/account.md), in lang. It streams: records are read by pages
// and files copied one at a time, so memory stays flat whatever the person's history.
func Export(app core.App, user *core.Record, lang string, w io.Writer) error {
	ls, err := links(app)
	if err != nil {
		return err
	}
	fsys, err := app.NewFilesystem()
	if err != nil {
		return fmt.Errorf("open file storage: %w", err)
	}
	defer fsys.Close()
	x := &exporter{app: app, user: user, lang: lang, zip: zip.NewWriter(w), fsys: fsys}
	if err := x.profile(); err != nil {
		return err
	}
	for _, src := range sources(ls) {
		if err := x.collection(src); err != nil {
			return err
		}
	}
	if err := x.extras(); err != nil {
		return err
	}
	return x.finish()
}

// profile writes users.json (the person's own record, e-mail included, no password hash nor
// token key) and their avatar.
func (x *exporter) profile() error {
	me := x.seen(x.user)
	me.IgnoreEmailVisibility(true)
	if err := x.writeJSON(s.Users+".json", []any{me}); err != nil {
		return err
	}
	x.listed = append(x.listed, i18n.T(x.lang, "account_export_profile", nil))
	return x.copyFiles(x.user)
}

// collection writes <collection>.json with every record of src about the person that they may
// read or that is theirs, then the files of the records that are theirs.
func (x *exporter) collection(src source) error {
	entry, err := x.zip.Create(src.collection.Name + ".json")
	if err != nil {
		return fmt.Errorf("zip %s: %w", src.collection.Name, err)
	}
	out := newArrayWriter(entry)
	var owned []*core.Record
	for after := ""; ; {
		recs, err := src.page(x.app, x.user.Id, after, exportPageSize)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			mine := src.owns(rec, x.user.Id)
			if !mine && !readable(x.app, rec, x.user) {
				continue // a record about them that is someone else's (a block of them)
			}
			if err := out.write(x.seen(rec)); err != nil {
				return fmt.Errorf("write %s: %w", src.collection.Name, err)
			}
			if mine && hasFiles(rec) {
				owned = append(owned, rec)
			}
		}
		if len(recs) < exportPageSize {
			break
		}
		after = recs[len(recs)-1].Id
	}
	if err := out.close(); err != nil {
		return err
	}
	x.listed = append(x.listed, i18n.T(x.lang, "account_export_line", map[string]any{
		"file": src.collection.Name + ".json", "count": out.count, "fields": strings.Join(src.fields(), ", ")}))
	return x.copyAllFiles(owned)
}

// extras writes what is about the person outside the collections: their sign-ins through
// other services and their devices' sync bookkeeping.
func (x *exporter) extras() error {
	auths, err := x.app.FindAllExternalAuthsByRecord(x.user)
	if err != nil {
		return fmt.Errorf("read external auths: %w", err)
	}
	if err := x.writeJSON("_externalAuths.json", auths); err != nil {
		return err
	}
	devices, err := mobilesync.Devices(x.app, x.user.Id)
	if err != nil {
		return err
	}
	return x.writeJSON("_syncDevices.json", devices)
}

// finish writes README.txt and closes the zip.
func (x *exporter) finish() error {
	text := i18n.T(x.lang, "account_export_readme", map[string]any{
		"date": time.Now().UTC().Format(time.RFC3339), "id": x.user.Id}) + "\n\n" + strings.Join(x.listed, "\n") + "\n"
	w, err := x.zip.Create("README.txt")
	if err != nil {
		return fmt.Errorf("zip README.txt: %w", err)
	}
	if _, err := io.WriteString(w, text); err != nil {
		return fmt.Errorf("write README.txt: %w", err)
	}
	return x.zip.Close()
}

// writeJSON writes v as the zip entry name.
func (x *exporter) writeJSON(name string, v any) error {
	w, err := x.zip.Create(name)
	if err != nil {
		return fmt.Errorf("zip %s: %w", name, err)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	return nil
}

// seen returns rec as the person reads it through the API: hidden fields left out, others'
// locations blurred, others' private fields (an offer's reservedFor) hidden.
func (x *exporter) seen(rec *core.Record) *core.Record {
	c := rec.Clone()
	ev := &core.RecordEnrichEvent{App: x.app, RequestInfo: asReader(x.user)}
	ev.Record = c
	if err := x.app.OnRecordEnrich().Trigger(ev); err != nil {
		x.app.Logger().Warn("account: enrich an exported record", "collection", rec.Collection().Name, "id", rec.Id, "error", err)
	}
	return c
}

// asReader is the request of user reading a record, for the collections' own rules.
func asReader(user *core.Record) *core.RequestInfo {
	return &core.RequestInfo{Auth: user, Method: http.MethodGet, Context: core.RequestInfoContextDefault,
		Query: map[string]string{}, Headers: map[string]string{}, Body: map[string]any{}}
}

// readable is canRead, replaced by the tests' negative control.
var readable = canRead

// canRead reports whether user may read rec through the API (its collection's view rule).
func canRead(app core.App, rec, user *core.Record) bool {
	ok, err := app.CanAccessRecord(rec, asReader(user), rec.Collection().ViewRule)
	return err == nil && ok
}
