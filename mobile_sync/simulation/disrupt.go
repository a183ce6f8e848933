package simulation

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/pocketbase/pocketbase/core"

	s "github.com/maillage/maillage/schema"
)

// membership has a community's owner, or a moderator, add or remove a user through REST.
func (sim *Sim) membership(_ *device) {
	w := sim.world
	community := w.Communities[sim.rnd.IntN(len(w.Communities))]
	by := w.Owners[community]
	if sim.rnd.IntN(3) == 0 {
		by = sim.moderator()
	}
	u := w.Users[sim.rnd.IntN(len(w.Users))]
	if u == w.Owners[community] {
		return
	}
	pair := [2]string{community, u.Rec.Id}
	var err error
	if w.members[pair] {
		err = sim.removeMember(community, u, by)
	} else {
		_, err = sim.rest.Create(s.Memberships, by.Token, map[string]any{"community": community, "user": u.Rec.Id, "role": "member"})
	}
	if err == nil {
		w.members[pair] = !w.members[pair]
	}
	sim.trace("membership %s of %s by %s → %v err=%v", community, u.Rec.Id, by.Role, w.members[pair], err)
}

func (sim *Sim) removeMember(community string, u, by *User) error {
	all, err := sim.rest.List(s.Memberships, by.Token)
	if err != nil {
		return err
	}
	for id, m := range all {
		if string(m["community"]) == `"`+community+`"` && string(m["user"]) == `"`+u.Rec.Id+`"` {
			return sim.rest.Delete(s.Memberships, id, by.Token)
		}
	}
	return fmt.Errorf("membership of %s in %s not found", u.Rec.Id, community)
}

func (sim *Sim) moderator() *User {
	for _, u := range sim.world.Users {
		if u.Role == s.RoleModerator {
			return u
		}
	}
	return sim.world.Users[0]
}

// disrupt partitions a device, restarts the server or holds its writer.
func (sim *Sim) disrupt(d *device) {
	switch sim.rnd.IntN(3) {
	case 0:
		if sim.cfg.Partitions {
			p := sim.rnd.IntN(2) == 0
			d.tr.SetPartitioned(p)
			sim.report.Partitions++
			sim.trace("%s partitioned=%v", d.name, p)
		}
	case 1:
		if sim.cfg.Restarts {
			sim.busy.Wait() // a backup in progress uses the app
			err := sim.srv.Restart()
			sim.report.Restarts++
			sim.trace("server restart err=%v", err)
			if err != nil {
				sim.fail("restart: %v", err)
			}
		}
	case 2:
		if sim.cfg.Busy {
			sim.holdWriter()
		}
	}
}

// holdWriter holds SQLite's write lock from a connection of its own for a while, so that
// the app's writes meet SQLITE_BUSY, or runs a v0.39 backup, which holds the app's writer.
func (sim *Sim) holdWriter() {
	sim.report.BusyHolds++
	hold := time.Duration(100+sim.rnd.IntN(1500)) * time.Millisecond
	backup := sim.rnd.IntN(3) == 0 && sim.backingUp.CompareAndSwap(false, true) // one backup at a time
	app := sim.srv.App()
	sim.trace("busy: hold=%v backup=%v", hold, backup)
	sim.busy.Add(1)
	go func() {
		defer sim.busy.Done()
		if backup {
			defer sim.backingUp.Store(false)
			if err := app.CreateBackup(context.Background(), ""); err != nil {
				sim.fail("backup: %v", err)
			}
			return
		}
		if err := lockDatabase(app, hold); err != nil {
			sim.fail("hold writer: %v", err)
		}
	}()
	time.Sleep(20 * time.Millisecond) // let the hold begin before the next step
}

// lockDatabase takes SQLite's write lock on the app's database file from another connection.
func lockDatabase(app core.App, hold time.Duration) error {
	db, err := core.DefaultDBConnect(filepath.Join(app.DataDir(), "data.db"))
	if err != nil {
		return fmt.Errorf("open: %w", err)
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.DB().Conn(ctx)
	if err != nil {
		return fmt.Errorf("conn: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	time.Sleep(hold)
	_, err = conn.ExecContext(ctx, "ROLLBACK")
	return err
}
