// Package secrets keeps the secrets a server generates for itself (the Web Push VAPID keys, the
// federation actor's key pair) in PocketBase's _params table, which no API serves: each is
// generated once per database, on first use, and read once per process.
//
//	var keys secrets.Cache[KeyPair]
//	pair, err := keys.Get(app, "federationKeys", newKeyPair)
package secrets

import (
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
)

// Cache holds one secret of type T once read; its zero value is ready to use. T is stored as
// JSON, and must have a method Complete reporting whether a decoded value is whole.
type Cache[T interface{ Complete() bool }] struct {
	mu    sync.Mutex
	value *T
}

// Get returns the secret stored under id in app's database, generating and storing it with
// generate on a database that has none.
func (c *Cache[T]) Get(app core.App, id string, generate func() (T, error)) (T, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.value != nil {
		return *c.value, nil
	}
	v, err := loadOrCreate(app, id, generate)
	if err != nil {
		return v, err
	}
	c.value = &v
	return v, nil
}

// loadOrCreate reads the stored secret, or stores a new one first. INSERT OR IGNORE keeps the
// first one when two processes start at once on the same database.
func loadOrCreate[T interface{ Complete() bool }](app core.App, id string, generate func() (T, error)) (T, error) {
	v, err := read[T](app, id)
	if !errors.Is(err, sql.ErrNoRows) {
		return v, err
	}
	if v, err = generate(); err != nil {
		return v, fmt.Errorf("generate %s: %w", id, err)
	}
	value, err := json.Marshal(v)
	if err != nil {
		return v, err
	}
	_, err = app.DB().NewQuery("INSERT OR IGNORE INTO {{_params}} ([[id]], [[value]]) VALUES ({:id}, {:value})").
		Bind(dbx.Params{"id": id, "value": string(value)}).Execute()
	if err != nil {
		return v, fmt.Errorf("store %s: %w", id, err)
	}
	return read[T](app, id)
}

// read reads the secret stored under id; sql.ErrNoRows when there is none yet.
func read[T interface{ Complete() bool }](app core.App, id string) (T, error) {
	var v T
	var row struct {
		Value string `db:"value"`
	}
	if err := app.DB().Select("value").From("_params").Where(dbx.HashExp{"id": id}).One(&row); err != nil {
		return v, err
	}
	if err := json.Unmarshal([]byte(row.Value), &v); err != nil {
		return v, fmt.Errorf("decode %s (_params): %w", id, err)
	}
	if !v.Complete() {
		return v, fmt.Errorf("decode %s (_params): a key is missing", id)
	}
	return v, nil
}
