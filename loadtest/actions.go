package loadtest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"

	"github.com/maillage/maillage/internal/binarytest"
	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/client"
	"github.com/maillage/maillage/photos/phototest"
)

// The demo territory's box (Plaine Commune), where contributions are placed and maps look.
const (
	minLon, minLat, maxLon, maxLat = 2.33, 48.90, 2.42, 48.96
	browsed                        = "initiatives"
)

// browsable are the collections a device lists and views through the REST API.
var browsable = []string{"initiatives", "events", "offers", "organisations"}

// PhonePhoto is a 1600×1200 JPEG, the size the PWA resizes photos to before uploading.
func PhonePhoto() []byte { return phototest.JPEG(phototest.Noise(1600, 1200)) }

// get sends a GET as the device and checks the answer is 2xx.
func (d *Device) get(ctx context.Context, path string) error {
	return binarytest.Call(ctx, d.r.hc, http.MethodGet, d.r.cfg.BaseURL+path, d.Account.Token, nil, nil)
}

// list reads the first page of a collection, newest first, as a REST client does.
func (d *Device) list(ctx context.Context) error {
	path := "/api/collections/" + d.choose(browsable) + "/records?page=1&perPage=30&sort=-created"
	if d.r.cfg.SkipTotal {
		path += "&skipTotal=1"
	}
	return d.get(ctx, path)
}

// view reads one record the device holds through the REST API.
func (d *Device) view(ctx context.Context) error {
	coll := d.choose(browsable)
	ids := d.Client.ServerIDs(coll) // not its own records still in the outbox
	if len(ids) == 0 {
		return d.list(ctx)
	}
	return d.get(ctx, "/api/collections/"+coll+"/records/"+d.choose(ids))
}

// geoBox asks the map layer of a box of about 1.5 × 1.5 km.
func (d *Device) geoBox(ctx context.Context) error {
	lon, lat := d.point()
	return d.get(ctx, fmt.Sprintf("/api/geo/initiatives?bbox=%.5f,%.5f,%.5f,%.5f&fields=id,name,categories",
		lon-0.01, lat-0.007, lon+0.01, lat+0.007))
}

// geoNear asks what is within 1 km, nearest first.
func (d *Device) geoNear(ctx context.Context) error {
	lon, lat := d.point()
	return d.get(ctx, fmt.Sprintf("/api/geo/%s?near=%.5f,%.5f&radius=1000", d.choose([]string{"offers", "events", "initiatives"}), lon, lat))
}

// create contributes a new initiative, with a photo uploaded first when photo is set.
func (d *Device) create(ctx context.Context, photo bool) {
	lon, lat := d.point()
	fields := map[string]any{"name": d.name(), "author": d.Account.ID, "visibility": "public",
		"description": "Contribution de charge", "geo": map[string]float64{"lon": lon, "lat": lat}}
	kind := OpPush
	if photo {
		kind = OpPushPhoto
		mediaID, err := d.upload(ctx)
		if err != nil {
			return
		}
		fields["photos"] = []string{mediaID}
	}
	id, err := d.Client.Create(browsed, fields)
	if err != nil {
		d.r.rec.Fail(kind, err)
		return
	}
	d.push(ctx, kind, id, fields["name"].(string))
}

// edit renames one of the device's contributions (or contributes when it has none yet).
func (d *Device) edit(ctx context.Context) {
	d.mu.Lock()
	var id string
	for id = range d.names { // any of them
		break
	}
	d.mu.Unlock()
	if id == "" {
		d.create(ctx, false)
		return
	}
	name := d.name()
	if err := d.Client.Update(browsed, id, map[string]any{"name": name}); err != nil {
		d.r.rec.Fail(OpPush, err)
		return
	}
	d.push(ctx, OpPush, id, name)
}

// push sends the outbox and records the acknowledged name; a mutation the server did not
// apply is an error.
func (d *Device) push(ctx context.Context, kind, id, name string) {
	err := d.r.rec.Time(kind, func() error {
		if err := d.Client.Push(ctx); err != nil {
			return err
		}
		return applied(d.Client.Journal(), id)
	})
	if err == nil {
		d.mu.Lock()
		d.names[id] = name
		d.mu.Unlock()
	}
}

// applied checks the last acknowledged mutation of record id was applied or merged.
func applied(journal []client.Pending, id string) error {
	for i := len(journal) - 1; i >= 0; i-- {
		p := journal[i]
		if p.ID != id || p.Result == nil {
			continue
		}
		if s := p.Result.Status; s != ms.StatusApplied && s != ms.StatusMerged {
			return fmt.Errorf("mutation %d of %s: %s %s %v", p.Mseq, id, s, p.Result.Message, p.Result.FieldErrors)
		}
		return nil
	}
	return fmt.Errorf("no acknowledged mutation of %s", id)
}

// upload puts the photo through the sync media path, as the PWA does before its mutation.
func (d *Device) upload(ctx context.Context) (string, error) {
	id := newID()
	err := d.r.rec.Time(OpMedia, func() error {
		req, err := http.NewRequestWithContext(ctx, http.MethodPut, d.r.cfg.BaseURL+"/api/sync/media/"+id, bytes.NewReader(d.r.cfg.Photo))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", d.Account.Token)
		req.Header.Set("Content-Type", "image/jpeg")
		req.Header.Set(ms.HeaderContentSha256, d.r.photoSum)
		return binarytest.Do(d.r.hc, req, nil)
	})
	return id, err
}

// name is a new unique name for a contribution or an edit.
func (d *Device) name() string {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.edits++
	return fmt.Sprintf("Charge %d.%d", d.N, d.edits)
}

// point draws a point of the territory's box.
func (d *Device) point() (lon, lat float64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return minLon + d.rng.Float64()*(maxLon-minLon), minLat + d.rng.Float64()*(maxLat-minLat)
}

// choose draws one of items.
func (d *Device) choose(items []string) string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return items[d.rng.IntN(len(items))]
}

// newID returns a PocketBase-style id: 15 characters of [a-z0-9].
func newID() string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 15)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	for i := range b {
		b[i] = alphabet[int(b[i])%len(alphabet)]
	}
	return string(b)
}

// sum is the hex SHA-256 of b.
func sum(b []byte) string {
	h := sha256.Sum256(b)
	return hex.EncodeToString(h[:])
}
