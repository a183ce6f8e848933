package loadtest

import (
	"context"
	"fmt"
	"net/http"
	"sync"

	"github.com/maillage/maillage/internal/binarytest"
)

// Account is a signed-in user of the server under load.
type Account = binarytest.Account

// Accounts creates n verified facilitators (whose contributions are published at once, so
// that every device sees them) through the superuser API and signs them in, a few at a time.
func Accounts(ctx context.Context, hc *http.Client, base string, n int) ([]Account, error) {
	admin, err := binarytest.SignIn(ctx, hc, base, "_superusers", AdminEmail, Password)
	if err != nil {
		return nil, fmt.Errorf("sign the superuser in: %w", err)
	}
	accounts, errs := make([]Account, n), make([]error, n)
	var wg sync.WaitGroup
	slots := make(chan struct{}, 4)
	for i := range n {
		wg.Go(func() {
			slots <- struct{}{}
			defer func() { <-slots }()
			accounts[i], errs[i] = account(ctx, hc, base, admin.Token, fmt.Sprintf("load%05d@example.org", i))
		})
	}
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return accounts, nil
}

// account creates one facilitator and signs them in.
func account(ctx context.Context, hc *http.Client, base, adminToken, email string) (Account, error) {
	err := binarytest.Call(ctx, hc, http.MethodPost, base+"/api/collections/users/records", adminToken, map[string]any{
		"email": email, "password": Password, "passwordConfirm": Password,
		"name": "Load " + email, "role": "facilitator", "verified": true}, nil)
	if err != nil {
		return Account{}, fmt.Errorf("create %s: %w", email, err)
	}
	return binarytest.SignIn(ctx, hc, base, "users", email, Password)
}
