package hooks_test

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	_ "image/jpeg"
	_ "image/png"
	"strings"
	"testing"

	validation "github.com/pocketbase/ozzo-validation/v4"
	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/internal/server"
	"github.com/maillage/maillage/internal/testapp"
	pt "github.com/maillage/maillage/photos/phototest"
	s "github.com/maillage/maillage/schema"
)

// newDraft returns an unsaved record of collection with the fields it cannot be saved without.
func newDraft(t *testing.T, app core.App, collection, author string) *core.Record {
	t.Helper()
	c, err := app.FindCollectionByNameOrId(collection)
	if err != nil {
		t.Fatalf("collection %s: %v", collection, err)
	}
	r := core.NewRecord(c)
	r.Load(map[string]any{"name": "Jardin partagé", "title": "Vélo à donner", "kind": "offer", "mode": "gift", s.FieldAuthor: author})
	return r
}

// TestPhotoHookOnSave saves photos with app.Save (the path of the dashboard, the sync engine
// and imports) into each content collection with photos, and reads the stored bytes back.
func TestPhotoHookOnSave(t *testing.T) {
	app := testapp.New(t, server.Config{})
	user, _ := testapp.NewUser(t, app, "photographe@example.org", s.RoleResident)
	cases := []struct{ collection, field string }{
		{s.Initiatives, "photos"}, {s.Offers, "photos"}, {s.Organisations, "logo"},
	}
	for _, c := range cases {
		t.Run(c.collection, func(t *testing.T) {
			r := newDraft(t, app, c.collection, user.Id)
			r.Set(c.field, upload(t, gpsPhoto(), "IMG_0042.JPG"))
			if err := app.Save(r); err != nil {
				t.Fatalf("save: %v", err)
			}
			files := stored(t, app, c.collection, r.Id, c.field)
			assertClean(t, files)
			for name := range files {
				if !strings.HasPrefix(name, "img_0042_") || !strings.HasSuffix(name, ".jpg") {
					t.Errorf("stored name %q, want img_0042_<random>.jpg", name)
				}
			}
		})
	}
	t.Run("users avatar", func(t *testing.T) {
		user.Set("avatar", upload(t, gpsPhoto(), "moi.jpg"))
		if err := app.Save(user); err != nil {
			t.Fatalf("save: %v", err)
		}
		assertClean(t, stored(t, app, s.Users, user.Id, "avatar"))
	})
}

// TestPhotoHookNegativeControl stores the same GPS photo in a field that accepts any file, which
// the hook leaves alone: the stored-bytes check must then find the GPS data, which shows that
// the check of TestPhotoHookOnSave can fail.
func TestPhotoHookNegativeControl(t *testing.T) {
	app := testapp.New(t, server.Config{})
	c := core.NewBaseCollection("attachments")
	c.Fields.Add(&core.FileField{Name: "file", MaxSelect: 1, MaxSize: 5 << 20})
	if err := app.Save(c); err != nil {
		t.Fatalf("collection: %v", err)
	}
	r := core.NewRecord(c)
	r.Set("file", upload(t, gpsPhoto(), "IMG_0042.jpg"))
	if err := app.Save(r); err != nil {
		t.Fatalf("save: %v", err)
	}
	for name, data := range stored(t, app, "attachments", r.Id, "file") {
		if found := pt.MetadataIn(data); len(found) == 0 {
			t.Errorf("%s: the control should still carry its metadata", name)
		}
	}
}

// TestPhotoHookOrientsAndBounds stores a 3000×1500 photo taken sideways (EXIF orientation 6):
// it must come back 1024×2048 and upright, the red corner mark at the top right.
func TestPhotoHookOrientsAndBounds(t *testing.T) {
	app := testapp.New(t, server.Config{})
	user, _ := testapp.NewUser(t, app, "cartopartie@example.org", s.RoleFacilitator)
	sideways := pt.WithJPEGSegments(pt.JPEG(pt.Corners(3000, 1500)), pt.ExifSegment(pt.Exif(6, true)))
	r := newDraft(t, app, s.Initiatives, user.Id)
	r.Set("photos", upload(t, sideways, "rotated.jpg"))
	if err := app.Save(r); err != nil {
		t.Fatalf("save: %v", err)
	}
	for _, data := range stored(t, app, s.Initiatives, r.Id, "photos") {
		img, _, err := image.Decode(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("decode stored: %v", err)
		}
		if got := img.Bounds().Size(); got != image.Pt(1024, 2048) {
			t.Errorf("size: got %v, want (1024,2048)", got)
		}
		if !isRed(img.At(1024-100, 100)) || isRed(img.At(100, 100)) {
			t.Errorf("red mark not at the top right only: top right %v, top left %v", img.At(924, 100), img.At(100, 100))
		}
	}
}

func isRed(c color.Color) bool {
	r, g, b, _ := c.RGBA()
	return r > 0xc000 && g < 0x4000 && b < 0x4000
}

// TestPhotoHookKeepsSavedFilesOnUpdate appends a photo to a record that has one: the new one is
// cleaned, the stored one is kept as it was.
func TestPhotoHookKeepsSavedFilesOnUpdate(t *testing.T) {
	app := testapp.New(t, server.Config{})
	user, _ := testapp.NewUser(t, app, "maj@example.org", s.RoleResident)
	r := newDraft(t, app, s.Offers, user.Id)
	r.Set("photos", upload(t, pt.WebP(64, 64, pt.Blue), "first.webp"))
	if err := app.Save(r); err != nil {
		t.Fatalf("create: %v", err)
	}
	first := r.GetStringSlice("photos")
	r.Set("photos+", upload(t, gpsPhoto(), "second.jpeg"))
	if err := app.Save(r); err != nil {
		t.Fatalf("update: %v", err)
	}
	files := stored(t, app, s.Offers, r.Id, "photos")
	if _, ok := files[first[0]]; !ok || len(files) != 2 || !strings.HasSuffix(first[0], ".jpg") {
		t.Errorf("stored %v, want the first photo %v (as .jpg) and a second", keys(files), first)
	}
	assertClean(t, files)
}

func keys(m map[string][]byte) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestPhotoHookRefusesOnSave checks that files that are not usable photos make app.Save fail
// with a field error naming the problem (in French: a direct save has no requester whose
// language to use), and that nothing is stored.
func TestPhotoHookRefusesOnSave(t *testing.T) {
	app := testapp.New(t, server.Config{})
	user, _ := testapp.NewUser(t, app, "refus@example.org", s.RoleResident)
	photo := gpsPhoto()
	cases := []struct {
		name, file, reason, says string
		data                     []byte
	}{
		{"text named .jpg", "notes.jpg", "unsupported_format", "JPEG, PNG ou WebP", []byte("liste des courses\n")},
		{"truncated jpeg", "cut.jpg", "corrupt", "endommagée ou incomplète", photo[:len(photo)/2]},
		{"bomb", "bomb.png", "too_many_pixels", "limite de 40 mégapixels", pt.PNGHeader(100_000, 100_000)},
		{"gif", "anim.gif", "unsupported_format", "n'est pas une photo", []byte("GIF89a\x01\x00\x01\x00\x00\x00\x00;")},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := newDraft(t, app, s.Initiatives, user.Id)
			r.Set("photos", upload(t, c.data, c.file))
			err := app.Save(r)
			var errs validation.Errors
			if !errors.As(err, &errs) {
				t.Fatalf("got %v, want validation errors", err)
			}
			var fe validation.Error
			if !errors.As(errs["photos"], &fe) || fe.Code() != "invalid_photo" {
				t.Fatalf("photos error: got %v, want code invalid_photo", errs["photos"])
			}
			if fe.Params()["reason"] != c.reason || !strings.Contains(fe.Error(), c.says) || !strings.Contains(fe.Error(), c.file) {
				t.Errorf("got %q (reason %v), want reason %s and a message naming %s and saying %q", fe.Error(), fe.Params()["reason"], c.reason, c.file, c.says)
			}
			if n, _ := app.CountRecords(s.Initiatives); n != 0 {
				t.Errorf("%d initiatives stored, want 0", n)
			}
		})
	}
}
