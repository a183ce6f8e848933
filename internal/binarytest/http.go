package binarytest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
)

// Account is a signed-in account: its record's id and its auth token.
type Account struct {
	ID    string
	Token string
}

// Call sends a JSON request (in encoded when not nil; token as the Authorization header when
// not empty) and decodes a 2xx answer into out when not nil; another status is an error that
// carries the start of the answer.
func Call(ctx context.Context, hc *http.Client, method, url, token string, in, out any) error {
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
	return Do(hc, req, out)
}

// Do sends req and decodes a 2xx JSON answer into out (if not nil).
func Do(hc *http.Client, req *http.Request, out any) error {
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
		return fmt.Errorf("%s %s: %d %.300s", req.Method, req.URL.Path, res.StatusCode, data)
	}
	if out == nil {
		return nil
	}
	return json.Unmarshal(data, out)
}

// SignIn signs an account of collection coll in with its password, on the server at base.
func SignIn(ctx context.Context, hc *http.Client, base, coll, email, password string) (Account, error) {
	var auth struct {
		Token  string
		Record struct{ ID string }
	}
	err := Call(ctx, hc, http.MethodPost, base+"/api/collections/"+coll+"/auth-with-password", "",
		map[string]string{"identity": email, "password": password}, &auth)
	return Account{ID: auth.Record.ID, Token: auth.Token}, err
}
