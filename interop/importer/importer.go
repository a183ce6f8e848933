// Package importer writes decoded items into Maillage's collections: it matches each item to a
// record by source and externalId (a re-import creates nothing), updates what changed upstream
// without overwriting local edits (those become syncConflicts rows for moderators), skips items
// outside the territory with their reason, and flags likely duplicates for moderators.
//
//	sum, err := importer.Import(app, file, importer.Options{Format: "geojson", Collection: "initiatives", Source: "cartes-locales"})
package importer

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/i18n"
	"github.com/maillage/maillage/interop"
	"github.com/maillage/maillage/interop/formats"
	"github.com/maillage/maillage/interop/formats/input"
	s "github.com/maillage/maillage/schema"
)

// Options says what to import and how.
type Options struct {
	// Format is a format name of interop/formats ("geojson", "csv", "gogocarto", "ics", "jsonld").
	Format string
	// Collection is the target: initiatives, events or organisations.
	Collection string
	// Source names where the items come from; it is stored on every record with its externalId.
	Source string
	// DryRun parses, validates and counts exactly as a real run, and writes nothing.
	DryRun bool
	// Lang is the language of the summary's messages (i18n.FR or i18n.EN).
	Lang string
	// Mapping adapts the source's fields and categories; nil keeps the format's own.
	Mapping *interop.Mapping
	// Licence and Attribution are recorded with the imported records' provenance.
	Licence, Attribution string
}

// Summary is what an import did; it is printed as JSON by `maillage import`.
type Summary struct {
	Created    int         `json:"created"`
	Updated    int         `json:"updated"`
	Skipped    int         `json:"skipped"`
	Duplicates int         `json:"duplicates"`
	Errors     []ItemError `json:"errors"`
}

// ItemError is one item that was refused, with the reason in the requested language.
type ItemError struct {
	Item    string `json:"item"`
	Message string `json:"message"`
}

// ErrUnusable wraps the reason an input could not be read at all; ErrArguments, options that
// do not say what to import.
var (
	ErrUnusable  = errors.New("unusable input")
	ErrArguments = errors.New("bad arguments")
)

// Collections are the targets an import may write.
var Collections = []string{s.Initiatives, s.Events, s.Organisations}

// Import reads r in opts.Format and writes its items into opts.Collection. It returns an error
// only when nothing could be imported at all: wrapping ErrArguments or ErrUnusable, with its
// reason in opts.Lang, or the database's failure.
func Import(app core.App, r io.Reader, opts Options) (Summary, error) {
	if err := checkOptions(opts); err != nil {
		return Summary{Errors: []ItemError{}}, err
	}
	dec, err := formats.Lookup(opts.Format)
	if err != nil {
		return Summary{Errors: []ItemError{}}, argError(opts.Lang, "import_bad_format",
			map[string]any{"format": opts.Format, "formats": strings.Join(formats.Names(), ", ")})
	}
	return ImportWith(app, dec, r, opts)
}

// ImportWith is Import with the decoder given.
func ImportWith(app core.App, dec interop.Decoder, r io.Reader, opts Options) (Summary, error) {
	decoded, err := decode(dec, r, opts.Collection)
	if err != nil {
		return Summary{Errors: []ItemError{}}, refusal(ErrUnusable, opts.Lang, "import_unusable",
			map[string]any{"format": opts.Format, "reason": reason(opts.Lang, err)})
	}
	sum, err := importItems(app, decoded.Items, opts)
	sum.Errors = append(problems(opts.Lang, decoded.Problems), sum.Errors...)
	return sum, err
}

// Check refuses options that do not say what to import, before anything is read.
func Check(opts Options) error {
	if err := checkOptions(opts); err != nil {
		return err
	}
	if _, err := formats.Lookup(opts.Format); err != nil {
		return argError(opts.Lang, "import_bad_format",
			map[string]any{"format": opts.Format, "formats": strings.Join(formats.Names(), ", ")})
	}
	return nil
}

func checkOptions(opts Options) error {
	if !slices.Contains(Collections, opts.Collection) {
		return argError(opts.Lang, "import_bad_collection", map[string]any{"collection": opts.Collection})
	}
	if strings.TrimSpace(opts.Source) == "" {
		return argError(opts.Lang, "import_no_source", nil)
	}
	return nil
}

func argError(lang, code string, params map[string]any) error {
	return refusal(ErrArguments, lang, code, params)
}

// Refusal is why an import could not run at all, written for people: its text is only the
// reason in the requested language; errors.Is tells ErrArguments from ErrUnusable.
type Refusal struct {
	kind error
	msg  string
}

func (r *Refusal) Error() string { return r.msg }

// Unwrap returns ErrArguments or ErrUnusable.
func (r *Refusal) Unwrap() error { return r.kind }

func refusal(kind error, lang, code string, params map[string]any) *Refusal {
	return &Refusal{kind: kind, msg: i18n.T(lang, code, params)}
}

// reason writes why a decoder refused a file in lang, when it says it in words for people.
func reason(lang string, err error) string {
	var refused *input.Error
	if errors.As(err, &refused) {
		return strings.TrimSuffix(refused.Message(lang), ".")
	}
	return err.Error()
}

// decode runs a decoder, turning a panic into an unusable input: whatever a file holds, an
// import reports it and goes on.
func decode(dec interop.Decoder, r io.Reader, collection string) (d interop.Decoded, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("unreadable content (%v)", p)
		}
	}()
	return dec(r, collection)
}

// problems writes the decoder's per-item problems in lang.
func problems(lang string, ps []interop.Problem) []ItemError {
	out := make([]ItemError, 0, len(ps))
	for _, p := range ps {
		out = append(out, ItemError{Item: p.Item, Message: i18n.T(lang, p.Code, p.Params)})
	}
	return out
}
