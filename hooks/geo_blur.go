package hooks

import (
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sync"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/types"

	"github.com/maillage/maillage/geo"
	s "github.com/maillage/maillage/schema"
)

// bindBlur shows offers' and profiles' locations blurred (geo.Blur) to everyone but their
// author (or the user themself) and superusers. OnRecordEnrich runs for the REST API, realtime
// messages, the sync engine and the geo route alike; the stored point stays exact.
func bindBlur(app core.App, secret []byte) {
	keys := &blurSecret{secret: secret}
	app.OnRecordEnrich(s.Blurred...).BindFunc(func(e *core.RecordEnrichEvent) error {
		if err := blurForReader(e.App, keys, e.Record, e.RequestInfo); err != nil {
			return err
		}
		return e.Next()
	})
}

func blurForReader(app core.App, keys *blurSecret, rec *core.Record, info *core.RequestInfo) error {
	p := point(rec.GetGeoPoint(s.FieldGeo))
	if p.IsZero() || SeesExactLocation(rec, info) {
		return nil
	}
	secret, err := keys.get(app)
	if err != nil {
		return err
	}
	b := geo.Blur(p, secret, rec.Collection().Id+"/"+rec.Id)
	rec.Set(s.FieldGeo, types.GeoPoint{Lon: b.Lon, Lat: b.Lat})
	return nil
}

// SeesExactLocation reports whether the reader of info may see rec's exact location: a
// superuser, the user themself for a profile, the author for anything else.
func SeesExactLocation(rec *core.Record, info *core.RequestInfo) bool {
	if info == nil || info.Auth == nil {
		return false
	}
	if info.Auth.IsSuperuser() {
		return true
	}
	owner := rec.GetString(s.FieldAuthor)
	if rec.Collection().Name == s.Users {
		owner = rec.Id
	}
	return owner != "" && owner == info.Auth.Id && info.Auth.Collection().Name == s.Users
}

// blurSecret is the configured secret or, failing that, the one stored in _params, read once.
type blurSecret struct {
	mu     sync.Mutex
	secret []byte
}

func (k *blurSecret) get(app core.App) ([]byte, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.secret) > 0 {
		return k.secret, nil
	}
	var row struct {
		Value string `db:"value"`
	}
	err := app.DB().Select("value").From("_params").Where(dbx.HashExp{"id": s.BlurSecretParam}).One(&row)
	if err != nil {
		return nil, fmt.Errorf("read blur secret (migration 1763741152): %w", err)
	}
	var hexSecret string
	if err := json.Unmarshal([]byte(row.Value), &hexSecret); err != nil {
		return nil, fmt.Errorf("decode blur secret: %w", err)
	}
	if k.secret, err = hex.DecodeString(hexSecret); err != nil {
		return nil, fmt.Errorf("decode blur secret: %w", err)
	}
	return k.secret, nil
}
