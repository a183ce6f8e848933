package mobilesync_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/pocketbase/pocketbase/core"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/photos/phototest"
	s "github.com/maillage/maillage/schema"
)

// phoneJPEG is a photo as a phone writes it: Exif with orientation and GPS, XMP, ICC and a
// comment, all carrying phototest.Secret.
func phoneJPEG() []byte {
	jpeg := phototest.JPEG(phototest.Corners(64, 48))
	segs := append([][]byte{phototest.ExifSegment(phototest.Exif(6, true))}, phototest.Metadata()...)
	return phototest.WithJPEGSegments(jpeg, segs...)
}

func sha(b []byte) string {
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

// media calls PUT or HEAD /api/sync/media/{id} as u with the body and its declared hash.
func media(t *testing.T, u *synctest.User, method, id string, body []byte, hash string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, u.Srv.URL+"/api/sync/media/"+id, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Authorization", u.Token)
	req.Header.Set("Content-Type", "application/octet-stream")
	if hash != "" {
		req.Header.Set(ms.HeaderContentSha256, hash)
	}
	res, err := u.Srv.HTTP.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	out, _ := io.ReadAll(res.Body)
	return res, string(out)
}

// storedFile reads the bytes a record's file field stores.
func storedFile(t *testing.T, app core.App, rec *core.Record, name string) []byte {
	t.Helper()
	fsys, err := app.NewFilesystem()
	if err != nil {
		t.Fatal(err)
	}
	defer fsys.Close()
	r, err := fsys.GetReader(rec.BaseFilesPath() + "/" + name)
	if err != nil {
		t.Fatalf("read stored %s: %v", name, err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// The upload is content-addressed and idempotent, HEAD reports it, another hash under the same
// id is a 409, and what is stored went through the photo pipeline (no metadata left).
func TestMediaUploadIsIdempotentAndClean(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	bob := env.NewUser(t, "bob@example.org", s.RoleFacilitator)
	photo, id := phoneJPEG(), synctest.NewID()
	other := phototest.JPEG(phototest.Noise(32, 32))
	steps := []struct {
		name   string
		who    *synctest.User
		method string
		body   []byte
		hash   string
		status int
		want   string
	}{
		{"head before upload", alice, http.MethodHead, nil, "", http.StatusNotFound, ""},
		{"upload", alice, http.MethodPut, photo, sha(photo), http.StatusCreated, sha(photo)},
		{"same upload again", alice, http.MethodPut, photo, sha(photo), http.StatusOK, sha(photo)},
		{"head after upload", alice, http.MethodHead, nil, "", http.StatusOK, ""},
		{"another photo, same id", alice, http.MethodPut, other, sha(other), http.StatusConflict, "tirez un nouvel identifiant"},
		{"same id, another user", bob, http.MethodPut, photo, sha(photo), http.StatusConflict, "tirez un nouvel identifiant"},
		{"another user's head", bob, http.MethodHead, nil, "", http.StatusNotFound, ""},
		{"damaged on the way", alice, http.MethodPut, photo, sha(other), http.StatusBadRequest, "ne correspond pas"},
		{"no hash", alice, http.MethodPut, photo, "", http.StatusBadRequest, "Envoyez le SHA-256 hexadécimal de la photo"},
	}
	for _, st := range steps {
		res, body := media(t, st.who, st.method, id, st.body, st.hash)
		if res.StatusCode != st.status || !strings.Contains(body, st.want) {
			t.Errorf("%s: got %d %s, want %d with %q", st.name, res.StatusCode, body, st.status, st.want)
		}
		if st.name == "head after upload" && res.Header.Get(ms.HeaderContentSha256) != sha(photo) {
			t.Errorf("head: got hash %q, want %s", res.Header.Get(ms.HeaderContentSha256), sha(photo))
		}
	}
	rec, err := env.App.FindRecordById(s.Media, id)
	if err != nil {
		t.Fatal(err)
	}
	if n := env.savesOf(s.Media, id); n != 1 {
		t.Errorf("media saved %d times, want 1", n)
	}
	stored := storedFile(t, env.App, rec, rec.GetString(s.FieldMediaFile))
	if meta := phototest.MetadataIn(stored); len(meta) > 0 || bytes.Contains(stored, []byte(phototest.Secret)) {
		t.Errorf("stored photo keeps metadata %v", meta)
	}
}

func TestMediaRefusesOversizeAndNonImages(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	big := make([]byte, s.MediaMaxBytes+1)
	text := []byte("not a photo at all")
	for _, c := range []struct {
		name   string
		body   []byte
		status int
		want   string
	}{
		{"oversize", big, http.StatusRequestEntityTooLarge, "La photo dépasse 15 Mo : réduisez-la sur l'appareil et envoyez-la de nouveau."},
		{"not an image", text, http.StatusBadRequest, "envoyez une image JPEG, PNG ou WebP"},
	} {
		id := synctest.NewID()
		res, body := media(t, alice, http.MethodPut, id, c.body, sha(c.body))
		if res.StatusCode != c.status || !strings.Contains(body, c.want) {
			t.Errorf("%s: got %d %s, want %d saying %q", c.name, res.StatusCode, body, c.status, c.want)
		}
		if _, err := env.App.FindRecordById(s.Media, id); err == nil {
			t.Errorf("%s: a media record was stored", c.name)
		}
	}
}

// A mutation naming an uploaded media id gets a clean copy of the photo in its file field; a
// media id not uploaded yet is rejected with a field error saying to upload it.
func TestPushedPhotoComesFromMedia(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	photo, mediaID := phoneJPEG(), synctest.NewID()
	if res, body := media(t, alice, http.MethodPut, mediaID, photo, sha(photo)); res.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %s", res.StatusCode, body)
	}
	withPhoto := withFields(createInitiative(1, synctest.NewID(), "Jardin", alice.ID()), "photos", []string{mediaID})
	missing := withFields(createInitiative(2, synctest.NewID(), "Verger", alice.ID()), "photos", []string{synctest.NewID()})
	resp := env.push(t, alice, withPhoto, missing)
	if resp.Results[0].Status != ms.StatusApplied {
		t.Fatalf("create with photo: %+v", resp.Results[0])
	}
	rec, err := env.App.FindRecordById(s.Initiatives, withPhoto.ID)
	if err != nil {
		t.Fatal(err)
	}
	files := rec.GetStringSlice("photos")
	if len(files) != 1 {
		t.Fatalf("photos = %v, want one file", files)
	}
	if stored := storedFile(t, env.App, rec, files[0]); len(phototest.MetadataIn(stored)) > 0 {
		t.Errorf("the record's photo keeps metadata %v", phototest.MetadataIn(stored))
	}
	if r := resp.Results[1]; r.Status != ms.StatusRejected || !strings.Contains(r.FieldErrors["photos"], "PUT /api/sync/media/") {
		t.Errorf("missing media: got %s %v, want rejected telling to upload it", r.Status, r.FieldErrors)
	}
}

// Over-long parent hints in the query are clipped, not a reason to refuse a good photo.
func TestMediaUploadWithLongParentHints(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	photo := phoneJPEG()
	id := synctest.NewID() + "?collection=" + strings.Repeat("c", 300) + "&record=" + strings.Repeat("r", 300)
	if res, body := media(t, alice, http.MethodPut, id, photo, sha(photo)); res.StatusCode != http.StatusCreated {
		t.Errorf("got %d %s, want 201", res.StatusCode, body)
	}
}

// Photos merge as a set: a photo added from another device meanwhile stays, the phone's new
// photo joins it, and the record's first photo is kept by name.
func TestPhotosAddedOnTwoDevicesBothStay(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	phone := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	tablet := &synctest.User{Srv: env.Srv, Record: phone.Record, Token: phone.Token, ClientID: synctest.NewID()}
	upload := func(u *synctest.User) string {
		photo, id := phoneJPEG(), synctest.NewID()
		if res, body := media(t, u, http.MethodPut, id, photo, sha(photo)); res.StatusCode != http.StatusCreated {
			t.Fatalf("upload: %d %s", res.StatusCode, body)
		}
		return id
	}
	id := synctest.NewID()
	created := env.push(t, phone, withFields(createInitiative(1, id, "Jardin", phone.ID()), "photos", []string{upload(phone)})).Results[0]
	var rec struct {
		Photos []string `json:"photos"`
	}
	if err := json.Unmarshal(created.R, &rec); err != nil || len(rec.Photos) != 1 {
		t.Fatalf("created record %s: want one photo (%v)", created.R, err)
	}
	first := rec.Photos[0]
	env.push(t, tablet, ms.Mutation{Mseq: 1, C: s.Initiatives, ID: id, Op: ms.OpUpdate, BaseRev: created.Rev,
		Base: fields("photos", []string{first}), Fields: fields("photos", []string{first, upload(tablet)})})
	res := env.push(t, phone, ms.Mutation{Mseq: 2, C: s.Initiatives, ID: id, Op: ms.OpUpdate, BaseRev: created.Rev,
		Base: fields("photos", []string{first}), Fields: fields("photos", []string{first, upload(phone)})}).Results[0]
	saved, err := env.App.FindRecordById(s.Initiatives, id)
	if err != nil {
		t.Fatal(err)
	}
	if got := saved.GetStringSlice("photos"); res.Status != ms.StatusMerged || len(got) != 3 || got[0] != first {
		t.Errorf("got %s with photos %v, want merged with three photos, %s first", res.Status, got, first)
	}
}
