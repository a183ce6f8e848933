package mobilesync_test

import (
	"bytes"
	"net/http"
	"testing"

	ms "github.com/maillage/maillage/mobile_sync"
	"github.com/maillage/maillage/mobile_sync/synctest"
	"github.com/maillage/maillage/photos"
	s "github.com/maillage/maillage/schema"
)

// A push that names an uploaded media stores the media's clean photo as it is: the photo went
// through the pipeline at upload and is not decoded and encoded again inside the push's write
// transaction. Control: processing the stored photo once more changes its bytes, so a second
// pass would not go unseen.
func TestPushedPhotoIsNotProcessedAgain(t *testing.T) {
	env := newPushEnv(t, ms.Config{})
	alice := env.NewUser(t, "alice@example.org", s.RoleFacilitator)
	photo, mediaID := phoneJPEG(), synctest.NewID()
	if res, body := media(t, alice, http.MethodPut, mediaID, photo, sha(photo)); res.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %s", res.StatusCode, body)
	}
	create := withFields(createInitiative(1, synctest.NewID(), "Jardin", alice.ID()), "photos", []string{mediaID})
	if r := env.push(t, alice, create).Results[0]; r.Status != ms.StatusApplied {
		t.Fatalf("create with photo: %+v", r)
	}
	uploaded := storedMedia(t, env, mediaID)
	again, _, err := photos.ProcessBytes(uploaded, photos.DefaultLimits())
	if err != nil || bytes.Equal(again, uploaded) {
		t.Fatalf("control: a second pass leaves the bytes equal (%v): the test could not see one", err)
	}
	rec, err := env.App.FindRecordById(s.Initiatives, create.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := storedFile(t, env.App, rec, rec.GetStringSlice("photos")[0]); !bytes.Equal(got, uploaded) {
		t.Errorf("the record's photo (%d bytes) is not the uploaded clean photo (%d bytes): processed again", len(got), len(uploaded))
	}
}

// storedMedia reads the clean photo stored for a media id.
func storedMedia(t *testing.T, env *pushEnv, id string) []byte {
	t.Helper()
	m, err := env.App.FindRecordById(s.Media, id)
	if err != nil {
		t.Fatal(err)
	}
	return storedFile(t, env.App, m, m.GetString(s.FieldMediaFile))
}
