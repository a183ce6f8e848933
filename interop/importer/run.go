package importer

import (
	"errors"
	"fmt"

	"github.com/pocketbase/pocketbase/core"

	"github.com/maillage/maillage/interop"
	s "github.com/maillage/maillage/schema"
)

// chunkSize is how many items one transaction writes: small enough that a server sharing the
// database (the command runs beside it) waits at most a moment for the writer, large enough
// that the commits do not dominate.
const chunkSize = 250

// errDryRun rolls back a dry run's transaction once everything has been counted.
var errDryRun = errors.New("dry run")

// run is one import: its options, target and running counts.
type run struct {
	opts Options
	col  *core.Collection
	cats *categoryMap
	sum  Summary
	// known holds the externalIds of the source already in the collection, read once, so that
	// the many items a first import creates cost no lookup each.
	known map[string]bool
	// flags finds the duplicates of the records the run creates.
	flags *flagging
}

func newRun(app core.App, opts Options) (*run, error) {
	col, err := app.FindCollectionByNameOrId(opts.Collection)
	if err != nil {
		return nil, fmt.Errorf("target collection: %w", err)
	}
	cats, err := newCategoryMap(app, opts.Mapping, opts.Format == "gogocarto")
	if err != nil {
		return nil, err
	}
	known, err := knownIDs(app, col, opts.Source)
	if err != nil {
		return nil, err
	}
	return &run{opts: opts, col: col, cats: cats, known: known, sum: Summary{Errors: []ItemError{}}}, nil
}

// importItems writes items chunk by chunk; a dry run does the very same inside one
// transaction that it rolls back, so its counts are a real run's.
func importItems(app core.App, items []interop.Item, opts Options) (Summary, error) {
	if !opts.DryRun {
		return writeItems(app, items, opts)
	}
	var sum Summary
	err := app.RunInTransaction(func(tx core.App) error {
		var err error
		sum, err = writeItems(tx, items, opts)
		if err != nil {
			return err
		}
		return errDryRun
	})
	if errors.Is(err, errDryRun) {
		err = nil
	}
	return sum, err
}

// writeItems writes items chunk by chunk, then stores the duplicates found meanwhile, also
// those of the chunks written before a failure.
func writeItems(app core.App, items []interop.Item, opts Options) (Summary, error) {
	r, err := newRun(app, opts)
	if err != nil {
		return Summary{}, err
	}
	if r.flags, err = newFlagging(app, len(items)/chunkSize+1); err != nil {
		return Summary{}, err
	}
	err = writeChunks(app, r, items)
	n, flagErr := r.flags.finish(app)
	r.sum.Duplicates += n
	if err == nil {
		err = flagErr
	}
	return r.sum, err
}

func writeChunks(app core.App, r *run, items []interop.Item) error {
	for start := 0; start < len(items); start += chunkSize {
		chunk := items[start:min(start+chunkSize, len(items))]
		err := app.RunInTransaction(func(tx core.App) error {
			for _, it := range chunk {
				if err := r.item(tx, it); err != nil {
					return fmt.Errorf("import %s: %w", label(it), err)
				}
			}
			return nil
		})
		r.flags.ended(err == nil)
		if err != nil {
			return err
		}
		if chunkCommitted != nil {
			chunkCommitted(start / chunkSize)
		}
	}
	return nil
}

// chunkCommitted, when set (by tests only), is called after each committed chunk with its
// index: a test stops a run there as a kill would.
var chunkCommitted func(chunk int)

// item imports one item. Problems with the item are counted in the summary; only what
// threatens the whole run (the database failing) is returned.
func (r *run) item(tx core.App, it interop.Item) error {
	it = applyMapping(it, r.opts.Mapping)
	if it.ExternalID == "" {
		it.ExternalID = contentID(it)
	}
	if code, params := r.check(it); code != "" {
		r.refuse(it, code, params)
		return nil
	}
	up, err := r.upstream(tx, it)
	if err != nil {
		return err
	}
	if !r.known[it.ExternalID] {
		r.known[it.ExternalID] = true
		return r.create(tx, it, up)
	}
	rec, err := findImported(tx, r.col, r.opts.Source, it.ExternalID)
	if err != nil {
		return err
	}
	if rec == nil {
		return r.create(tx, it, up)
	}
	return r.update(tx, it, rec, up)
}

// check refuses an item that cannot become a record of the target collection.
func (r *run) check(it interop.Item) (string, map[string]any) {
	switch {
	case r.col.Name == s.Events && (it.Event == nil || it.Event.Start.IsZero()):
		return "import_no_start", nil
	case r.col.Name != s.Events && it.Event != nil:
		return "import_event_elsewhere", map[string]any{"collection": r.col.Name}
	case it.Name == "":
		return "import_no_name", nil
	}
	return "", nil
}

// upstream is what the source says the record's imported fields are.
func (r *run) upstream(tx core.App, it interop.Item) (map[string]any, error) {
	v := fieldsOf(it, r.col.Name)
	ids, err := r.cats.ids(tx, it.Categories)
	if err != nil {
		return nil, err
	}
	v["categories"] = ids
	return v, nil
}
