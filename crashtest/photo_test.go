package crashtest

import (
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/maillage/maillage/photos/phototest"
)

// photoStages are where an upload is cut: the body half sent, the body sent (the server
// decodes and re-encodes the photo), the cleaned file written to storage (the record's row
// not yet, or just, committed).
var photoStages = []string{"half sent", "sent", "stored"}

// TestKillDuringPhotoUpload: a multipart create of an initiative with a 6-megapixel photo is
// cut by SIGKILL at each stage. After each restart every record's photo is a whole file the
// server serves, a file left by a cut upload breaks nothing (it is listed in the log), and the
// client's retry of the same create succeeds. Then the storage sweep removes the files left.
func TestKillDuringPhotoUpload(t *testing.T) {
	skipShort(t)
	s := newServer(t)
	u := s.facilitator("photo@example.org")
	photo := phototest.JPEG(phototest.Noise(3000, 2000))
	col := s.collectionID(t, "initiatives")
	for i := range iterations(t) * len(photoStages) {
		stage := photoStages[i%len(photoStages)]
		id := fmt.Sprintf("crashphota%05d", i)
		s.cutUpload(t, u, id, photo, stage, filepath.Join(s.dir, "storage", col, id))
		integrity(t, s.db())
		saved, orphans := s.checkPhotos(t, u, col)
		t.Logf("cut when %s: record saved %v; %d records with photos, all served; %d files named by no record, not served: %v",
			stage, saved[id], len(saved), len(orphans), orphans)
		if !saved[id] { // the client retries its create, with the same id
			if err := s.upload(u, id, photo, nil); err != nil {
				t.Fatalf("retried upload after the restart: %v", err)
			}
		}
	}
	s.checkSweep(t, u, col)
}

// cutUpload sends the upload, kills the server at the stage, and restarts it.
func (s *server) cutUpload(t *testing.T, u user, id string, photo []byte, stage, dir string) {
	t.Helper()
	half, sent := make(chan struct{}, 1), make(chan struct{}, 1)
	done := make(chan error, 1)
	go func() { done <- s.upload(u, id, photo, &uploadSignals{half: half, sent: sent}) }()
	switch stage {
	case "half sent":
		waitSignal(t, half, "half of the body sent")
	case "sent":
		waitSignal(t, sent, "body sent")
	case "stored":
		waitFor(t, "photo file in storage", func() bool { return hasFile(dir) || finished(done) })
	}
	s.kill()
	<-done
	s.start()
}

// uploadSignals tell how far the body went.
type uploadSignals struct{ half, sent chan struct{} }

// upload creates initiative id with the photo, streaming the multipart body; sig, if not nil,
// hears when half of the photo and the whole body were handed to the connection.
func (s *server) upload(u user, id string, photo []byte, sig *uploadSignals) error {
	pr, pw := io.Pipe()
	mw := multipart.NewWriter(pw)
	go func() { pw.CloseWithError(writeUpload(mw, u, id, photo, sig)) }()
	req, err := http.NewRequest(http.MethodPost, s.url("/api/collections/initiatives/records"), pr)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", u.Token)
	return do(req, nil)
}

// writeUpload writes the form's fields and the photo, signalling as it goes.
func writeUpload(mw *multipart.Writer, u user, id string, photo []byte, sig *uploadSignals) error {
	for k, v := range map[string]string{"id": id, "name": "Photo " + id, "author": u.ID, "visibility": "public"} {
		if err := mw.WriteField(k, v); err != nil {
			return err
		}
	}
	w, err := mw.CreateFormFile("photos", "photo.jpg")
	if err == nil {
		_, err = w.Write(photo[:len(photo)/2])
	}
	signal(sig, func(s *uploadSignals) chan struct{} { return s.half })
	if err == nil {
		_, err = w.Write(photo[len(photo)/2:])
	}
	if err == nil {
		err = mw.Close()
	}
	signal(sig, func(s *uploadSignals) chan struct{} { return s.sent })
	return err
}

func signal(sig *uploadSignals, ch func(*uploadSignals) chan struct{}) {
	if sig != nil {
		ch(sig) <- struct{}{}
	}
}

// hasFile reports whether dir holds a file (not a .tmp being written) with some bytes.
func hasFile(dir string) bool {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		info, err := e.Info()
		if err == nil && !e.IsDir() && info.Size() > 0 && !strings.HasSuffix(e.Name(), ".tmp") {
			return true
		}
	}
	return false
}
