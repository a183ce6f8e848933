package mobilesync

import (
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"

	"github.com/pocketbase/pocketbase/apis"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/filesystem"

	"github.com/maillage/maillage/i18n"
	s "github.com/maillage/maillage/schema"
)

// Offline photos. The device resizes a photo, hashes it and uploads it before the mutations
// that reference it, idempotently:
//
//	PUT  /api/sync/media/{id}   raw image body, header X-Content-Sha256: <hex sha256 of the body>
//	HEAD /api/sync/media/{id}   200 (with X-Content-Sha256) once uploaded, 404 before
//
// A mutation then names the media id in a file field ({"photos": ["<mediaId>", …]}): the
// server copies the media's file into the record. Names that contain a dot are files the
// record already has and are kept.

// HeaderContentSha256 carries the hex SHA-256 of a media upload's body.
const HeaderContentSha256 = "X-Content-Sha256"

func bindMedia(se *core.ServeEvent) {
	se.Router.PUT("/api/sync/media/{id}", putMedia).Bind(apis.RequireAuth(s.Users))
	se.Router.HEAD("/api/sync/media/{id}", headMedia).Bind(apis.RequireAuth(s.Users))
}

// headMedia answers whether the user's media id is uploaded, with its hash.
func headMedia(e *core.RequestEvent) error {
	media, err := findMedia(e.App, e.Request.PathValue("id"), e.Auth.Id)
	if err != nil {
		return e.NotFoundError("", err)
	}
	e.Response.Header().Set(HeaderContentSha256, media.GetString(s.FieldMediaSha256))
	return e.NoContent(http.StatusOK)
}

// putMedia stores a photo under the client's id; the same id and hash again answer 200 and
// write nothing, another hash answers 409.
func putMedia(e *core.RequestEvent) error {
	id := e.Request.PathValue("id")
	if !pbID.MatchString(id) {
		return e.BadRequestError(i18n.Tr(e, "sync_media_bad_id", nil), nil)
	}
	header := map[string]any{"header": HeaderContentSha256}
	want := strings.ToLower(strings.TrimSpace(e.Request.Header.Get(HeaderContentSha256)))
	if len(want) != 64 {
		return e.BadRequestError(i18n.Tr(e, "sync_media_no_sha", header), nil)
	}
	body, err := io.ReadAll(http.MaxBytesReader(e.Response, e.Request.Body, s.MediaMaxBytes))
	var tooBig *http.MaxBytesError
	if errors.As(err, &tooBig) {
		return e.Error(http.StatusRequestEntityTooLarge, i18n.Tr(e, "sync_media_too_large", map[string]any{"maxMB": s.MediaMaxBytes >> 20}), nil)
	}
	if err != nil {
		return e.BadRequestError(i18n.Tr(e, "sync_media_unreadable", nil), err)
	}
	if sum := sha256.Sum256(body); hex.EncodeToString(sum[:]) != want {
		return e.BadRequestError(i18n.Tr(e, "sync_media_sha_mismatch", header), nil)
	}
	return storeMedia(e, id, want, body)
}

// storeMedia saves the media record (model hooks run: the photo pipeline re-encodes it) or
// answers for the one already there.
func storeMedia(e *core.RequestEvent, id, sum string, body []byte) error {
	if existing, err := e.App.FindRecordById(s.Media, id); err == nil {
		return answerExisting(e, existing, sum)
	}
	col, err := e.App.FindCachedCollectionByNameOrId(s.Media)
	if err != nil {
		return e.InternalServerError("", err)
	}
	file, err := filesystem.NewFileFromBytes(body, id+imageExt(body))
	if err != nil {
		return e.BadRequestError(i18n.Tr(e, "sync_media_unreadable", nil), err)
	}
	rec := core.NewRecord(col)
	rec.Id = id
	rec.Load(map[string]any{s.FieldMediaSha256: sum, s.FieldAuthor: e.Auth.Id,
		s.FieldMediaParentCollection: clip(e.Request.URL.Query().Get("collection"), 100),
		s.FieldMediaParentID:         clip(e.Request.URL.Query().Get("record"), 100)})
	rec.Set(s.FieldMediaFile, file)
	if err := e.App.Save(rec); err != nil {
		if existing, findErr := e.App.FindRecordById(s.Media, id); findErr == nil {
			return answerExisting(e, existing, sum) // a concurrent upload of the same id won
		}
		return e.BadRequestError(i18n.Tr(e, "sync_media_refused", nil), err)
	}
	return e.JSON(http.StatusCreated, map[string]string{"id": id, "sha256": sum})
}

func answerExisting(e *core.RequestEvent, existing *core.Record, sum string) error {
	if existing.GetString(s.FieldMediaSha256) != sum || existing.GetString(s.FieldAuthor) != e.Auth.Id {
		return e.Error(http.StatusConflict, i18n.Tr(e, "sync_media_taken", nil), nil)
	}
	return e.JSON(http.StatusOK, map[string]string{"id": existing.Id, "sha256": sum})
}

func imageExt(body []byte) string {
	switch http.DetectContentType(body) {
	case "image/png":
		return ".png"
	case "image/webp":
		return ".webp"
	default:
		return ".jpg"
	}
}

// findMedia returns the media id uploaded by userID.
func findMedia(app core.App, id, userID string) (*core.Record, error) {
	media, err := app.FindRecordById(s.Media, id)
	if err != nil {
		return nil, fmt.Errorf("find media %s: %w", id, err)
	}
	if media.GetString(s.FieldAuthor) != userID {
		return nil, fmt.Errorf("find media %s: %w", id, sql.ErrNoRows)
	}
	return media, nil
}

// setValues sets resolved values on rec, turning media ids of file fields into copies of the
// uploaded photos.
func (mc *mutationCtx) setValues(rec *core.Record, values map[string]any) error {
	for name, v := range values {
		f, ok := mc.col.Fields.GetByName(name).(*core.FileField)
		if !ok {
			rec.Set(name, v)
			continue
		}
		files, err := mc.mediaFiles(f, v)
		if err != nil {
			return err
		}
		rec.Set(name, files)
	}
	return nil
}

// mediaFiles resolves a file field's pushed names: names with a dot are the record's own
// files, kept; the others are media ids of this user, copied.
func (mc *mutationCtx) mediaFiles(f *core.FileField, v any) (any, error) {
	out := []any{}
	for _, name := range toList(v) {
		if strings.Contains(name, ".") {
			out = append(out, name)
			continue
		}
		file, err := mc.mediaFile(f.Name, name)
		if err != nil {
			return nil, err
		}
		out = append(out, file)
	}
	if !f.IsMultiple() && len(out) > 0 {
		return out[len(out)-1], nil
	}
	return out, nil
}

func (mc *mutationCtx) mediaFile(field, id string) (*filesystem.File, error) {
	media, err := findMedia(mc.app, id, mc.info.Auth.Id)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fieldReject("sync_photo_missing", field, "sync_field_photo_missing", map[string]any{"id": id})
	}
	if err != nil {
		return nil, err
	}
	return readMediaFile(mc.app, media)
}

// readMediaFile copies a media record's stored photo into memory: the copy outlives the file
// storage it came from, which closes before the record that receives it is saved.
func readMediaFile(app core.App, media *core.Record) (*filesystem.File, error) {
	fsys, err := app.NewFilesystem()
	if err != nil {
		return nil, fmt.Errorf("open file storage: %w", err)
	}
	defer fsys.Close()
	name := media.GetString(s.FieldMediaFile)
	r, err := fsys.GetReader(media.BaseFilesPath() + "/" + name)
	if err != nil {
		return nil, fmt.Errorf("open media %s: %w", media.Id, err)
	}
	defer r.Close()
	data, err := io.ReadAll(io.LimitReader(r, s.MediaMaxBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read media %s: %w", media.Id, err)
	}
	file, err := filesystem.NewFileFromBytes(data, name)
	if err != nil {
		return nil, fmt.Errorf("copy media %s: %w", media.Id, err)
	}
	file.Reader = &cleanMedia{filesystem.BytesReader{Bytes: data}}
	return file, nil
}

// cleanMedia is the copy of a stored media file: its bytes went through the photo pipeline
// when uploaded, so the record hooks do not process them again (hooks.AlreadyClean, matched
// by its method). A push applies its mutations in a transaction that holds SQLite's only
// writer: re-encoding each photo there made every other device's push wait (loadtest/,
// BENCHMARKS.md "Load").
type cleanMedia struct{ filesystem.BytesReader }

// PhotoAlreadyClean tells the photo hooks the file is already clean.
func (*cleanMedia) PhotoAlreadyClean() {}
