package migrations

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	m "github.com/pocketbase/pocketbase/migrations"

	s "github.com/maillage/maillage/schema"
)

// The server secret of the location blur's jitter: random per database, kept in _params (so
// backups carry it and the blurred locations never move), never served by any API.
func init() {
	m.Register(func(app core.App) error {
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return fmt.Errorf("blur secret: %w", err)
		}
		value, err := json.Marshal(hex.EncodeToString(secret))
		if err != nil {
			return err
		}
		_, err = app.DB().Insert("_params", dbx.Params{"id": s.BlurSecretParam, "value": string(value)}).Execute()
		return err
	}, func(app core.App) error {
		_, err := app.DB().Delete("_params", dbx.HashExp{"id": s.BlurSecretParam}).Execute()
		return err
	})
}
