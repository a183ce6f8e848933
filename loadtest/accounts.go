package loadtest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"
)

// Account is a signed-in user of the server under load.
type Account struct {
	ID    string
	Token string
}

// api sends a JSON request to base+path with an optional token and decodes a 2xx answer
// into out (if not nil); any other answer is an error carrying the status and body.
func api(ctx context.Context, hc *http.Client, method, url, token string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return err
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, url, body)
	if err != nil {
		return err
	}
	req.Header.Set("Content-Type", "application/json")
	if token != "" {
		req.Header.Set("Authorization", token)
	}
	return do(hc, req, out)
}

// do sends req and decodes a 2xx JSON answer into out (if not nil).
func do(hc *http.Client, req *http.Request, out any) error {
	res, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return err
	}
	if res.StatusCode/100 != 2 {
		return fmt.Errorf("%s %s: %d %.200s", req.Method, req.URL.Path, res.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

// signIn signs an account of coll in with the common password.
func signIn(ctx context.Context, hc *http.Client, base, coll, email string) (Account, error) {
	var auth struct {
		Token  string
		Record struct{ ID string }
	}
	err := api(ctx, hc, http.MethodPost, base+"/api/collections/"+coll+"/auth-with-password", "",
		map[string]string{"identity": email, "password": Password}, &auth)
	return Account{ID: auth.Record.ID, Token: auth.Token}, err
}

// Accounts creates n verified facilitators (whose contributions are published at once, so
// that every device sees them) through the superuser API and signs them in, a few at a time.
func Accounts(ctx context.Context, hc *http.Client, base string, n int) ([]Account, error) {
	admin, err := signIn(ctx, hc, base, "_superusers", AdminEmail)
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
	err := api(ctx, hc, http.MethodPost, base+"/api/collections/users/records", adminToken, map[string]any{
		"email": email, "password": Password, "passwordConfirm": Password,
		"name": "Load " + email, "role": "facilitator", "verified": true}, nil)
	if err != nil {
		return Account{}, fmt.Errorf("create %s: %w", email, err)
	}
	return signIn(ctx, hc, base, "users", email)
}
