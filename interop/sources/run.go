package sources

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/importer"
	s "github.com/maillage/maillage/schema"
)

// ErrRunning is returned when a run of the same source is still going on.
var ErrRunning = errors.New("source already running")

// Runner runs sources, one run at a time per source.
type Runner struct {
	app     core.App
	cfg     Config
	fetcher *fetcher

	mu      sync.Mutex
	running map[string]bool
}

// NewRunner returns a Runner for app within cfg's bounds (zero fields take the defaults).
func NewRunner(app core.App, cfg Config) *Runner {
	cfg = cfg.withDefaults()
	return &Runner{app: app, cfg: cfg, fetcher: newFetcher(cfg), running: map[string]bool{}}
}

// runError is why a run failed as a whole: Code is an i18n message key, Params its placeholders.
type runError struct {
	Code   string
	Params map[string]any
	Err    error
}

func (e *runError) Error() string { return i18n.T(i18n.EN, e.Code, e.Params) }
func (e *runError) Unwrap() error { return e.Err }

// outcome is what one run did, before it is recorded.
type outcome struct {
	status             string
	summary            importer.Summary
	failure            *runError
	etag, lastModified string
}

// Run runs the source sourceID once, as it is stored now: fetch (or read its file), import,
// and record an importRuns row, which it returns. A failure of the source itself is a failed
// run, not an error; the error is for a run that could not start (ErrRunning, a source not
// found) or not be recorded.
func (r *Runner) Run(ctx context.Context, sourceID string) (*core.Record, error) {
	if !r.begin(sourceID) {
		return nil, ErrRunning
	}
	defer r.end(sourceID)
	src, err := r.app.FindRecordById(s.Sources, sourceID)
	if err != nil {
		return nil, fmt.Errorf("find source %s: %w", sourceID, err)
	}
	started := time.Now()
	return r.record(src, started, r.attempt(ctx, src))
}

func (r *Runner) begin(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.running[id] {
		return false
	}
	r.running[id] = true
	return true
}

func (r *Runner) end(id string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.running, id)
}

// attempt reads the source and imports what changed.
func (r *Runner) attempt(ctx context.Context, src *core.Record) outcome {
	opts, err := options(src)
	if err != nil {
		return failed(err)
	}
	in, err := r.open(ctx, src)
	if err != nil {
		return failed(err)
	}
	if in.notModified {
		return outcome{status: s.RunUnchanged}
	}
	sum, err := r.cfg.Import(r.app, bytes.NewReader(in.body), opts)
	if err != nil {
		return failed(importFailure(opts.Format, err))
	}
	return outcome{status: s.RunOK, summary: sum, etag: in.etag, lastModified: in.lastModified}
}

// open reads the source's uploaded file when it has one, else fetches its URL.
func (r *Runner) open(ctx context.Context, src *core.Record) (input, error) {
	if src.GetString(s.FieldSourceFile) != "" {
		return readFile(r.app, src, r.cfg.MaxBytes)
	}
	prev := validators{etag: src.GetString(s.FieldSourceETag), lastModified: src.GetString(s.FieldSourceLastModified)}
	return r.fetcher.fetch(ctx, src.GetString(s.FieldSourceURL), prev)
}

// options are the importer's options for src; its mapping was checked when it was saved.
func options(src *core.Record) (importer.Options, error) {
	opts := importer.Options{
		Format:      src.GetString(s.FieldSourceFormat),
		Collection:  src.GetString(s.FieldSourceCollection),
		Source:      src.GetString(s.FieldSourceName),
		Lang:        i18n.FR,
		Licence:     src.GetString(s.FieldSourceLicence),
		Attribution: src.GetString(s.FieldSourceAttribution),
	}
	m, err := parseMapping(src.GetString(s.FieldSourceMapping))
	if err != nil {
		return opts, &runError{Code: "source_mapping_invalid", Params: map[string]any{"reason": err.Error()}, Err: err}
	}
	opts.Mapping = m
	return opts, nil
}

// parseMapping reads a source's mapping JSON; empty or null is no mapping. Unknown keys are
// refused, so that a misspelt "field" does not silently map nothing.
func parseMapping(raw string) (*interop.Mapping, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" || raw == "null" {
		return nil, nil
	}
	dec := json.NewDecoder(strings.NewReader(raw))
	dec.DisallowUnknownFields()
	var m interop.Mapping
	if err := dec.Decode(&m); err != nil {
		return nil, err
	}
	return &m, nil
}

// failed is the outcome of a run that failed as a whole.
func failed(err error) outcome {
	var re *runError
	if !errors.As(err, &re) {
		re = &runError{Code: "source_fetch_failed", Params: map[string]any{"reason": err.Error()}, Err: err}
	}
	return outcome{status: s.RunFailed, failure: re}
}

// importFailure explains an import that could not start; the importer's reason is already in
// words for people, after its sentinel.
func importFailure(format string, err error) *runError {
	reason := err.Error()
	if errors.Is(err, importer.ErrUnusable) {
		reason = strings.TrimPrefix(reason, importer.ErrUnusable.Error()+": ")
	}
	return &runError{Code: "source_import_failed", Params: map[string]any{"reason": reason, "format": format}, Err: err}
}
