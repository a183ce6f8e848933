package mobilesync

import (
	"context"
	"slices"
	"sync"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// warmBatch is how many changes one read transaction of the warmer renders.
const warmBatch = 1000

// warmer renders, in the background, the records the change log names into the row cache
// while the cache has room: every record once the server starts, then what each commit puts,
// so that the first device after a start, an import or a bulk of REST writes copies rows
// instead of rendering them. It renders exactly as the snapshot does (readCached), in the
// sync's read transactions.
type warmer struct {
	sv   *service
	wake chan struct{}
	done int64 // the change log seq warmed up to

	mu     sync.Mutex
	cancel context.CancelFunc // nil while stopped
	ended  chan struct{}      // closed when run returns
}

// bindWarming starts the warmer when the server starts and wakes it after every committed
// create or update of a synced collection; nothing without a row cache. The app's
// termination stops it and waits for its pass to end, so that it never reads a closed app.
func bindWarming(app core.App, sv *service) {
	if sv.cfg.Rows == nil {
		return
	}
	w := &warmer{sv: sv, wake: make(chan struct{}, 1)}
	after := func(e *core.RecordEvent) error {
		w.poke()
		return e.Next()
	}
	app.OnRecordAfterCreateSuccess(sv.cfg.Collections...).BindFunc(after)
	app.OnRecordAfterUpdateSuccess(sv.cfg.Collections...).BindFunc(after)
	app.OnServe().BindFunc(func(se *core.ServeEvent) error {
		w.start(se.App)
		return se.Next()
	})
	app.OnTerminate().BindFunc(func(e *core.TerminateEvent) error {
		w.stop()
		return e.Next()
	})
}

// start runs the warmer for app, once however often the server starts (tests build a
// router per request).
func (w *warmer) start(app core.App) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel != nil {
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	w.cancel, w.ended = cancel, make(chan struct{})
	go func(ended chan struct{}) {
		defer close(ended)
		w.run(ctx, app)
	}(w.ended)
	w.poke()
}

// stop ends the warmer and waits for it.
func (w *warmer) stop() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.cancel == nil {
		return
	}
	w.cancel()
	<-w.ended
	w.cancel, w.ended = nil, nil
}

// poke asks for a pass; a pass already asked for covers it.
func (w *warmer) poke() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// warmEvery is how often a pass runs unasked, for what other processes wrote (a `maillage
// import` on the data dir of a running server): one indexed read when nothing changed.
const warmEvery = 30 * time.Second

// run makes a pass each time it is poked, and every warmEvery, until ctx ends.
func (w *warmer) run(ctx context.Context, app core.App) {
	tick := time.NewTicker(warmEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-w.wake:
		case <-tick.C:
		}
		if err := w.pass(ctx, app); err != nil && ctx.Err() == nil {
			app.Logger().Warn("sync: warming the row cache", "error", err)
		}
	}
}

// pass renders the records put since w.done, batch by batch, until the log's head or a
// nearly full cache (the rest is then left to the readers).
func (w *warmer) pass(ctx context.Context, app core.App) error {
	for more := true; more && ctx.Err() == nil; {
		if w.sv.cfg.Rows.NearlyFull() {
			return w.sv.readTx(ctx, app, func(db dbx.Builder) error {
				st, err := readState(db)
				w.done = max(w.done, st.head)
				return err
			})
		}
		err := w.sv.readTx(ctx, app, func(db dbx.Builder) error {
			var err error
			more, err = w.batch(app, db)
			return err
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// put is one change of the log: a record put at seq.
type put struct {
	Coll string `db:"coll"`
	Rid  string `db:"rid"`
	Seq  int64  `db:"seq"`
}

// batch renders the next warmBatch records put after w.done into the cache and reports
// whether the log holds more.
func (w *warmer) batch(app core.App, db dbx.Builder) (bool, error) {
	var puts []put
	err := db.NewQuery("SELECT coll, rid, seq FROM " + changesTable + " WHERE seq > {:done} AND op = {:put} ORDER BY seq LIMIT {:n}").
		Bind(dbx.Params{"done": w.done, "put": logPut, "n": warmBatch}).All(&puts)
	if err != nil || len(puts) == 0 {
		return false, err
	}
	byColl := map[string][]string{}
	for _, p := range puts {
		if w.sv.synced(p.Coll) {
			byColl[p.Coll] = append(byColl[p.Coll], p.Rid)
		}
	}
	for name, ids := range byColl {
		if err := w.render(app, db, name, ids); err != nil {
			return false, err
		}
	}
	w.done = puts[len(puts)-1].Seq
	return len(puts) == warmBatch, nil
}

// render renders the records ids of collection name into the cache, when the collection's
// rows are written from their columns (the others are not kept).
func (w *warmer) render(app core.App, db dbx.Builder, name string, ids []string) error {
	c, err := app.FindCachedCollectionByNameOrId(name)
	if err != nil {
		return nil // a collection deleted since: nothing to keep
	}
	rw := newRowWriter(c)
	if rw == nil {
		return nil
	}
	slices.Sort(ids)
	_, err = readCached(db, rw, c, ids, w.sv.cfg.Rows)
	return err
}
