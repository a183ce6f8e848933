package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"
)

// HTTPError is a non-2xx answer of the server.
type HTTPError struct {
	Status     int
	Message    string
	RetryAfter time.Duration
	Body       []byte
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("server answered %d: %s", e.Status, e.Message)
}

// Transient reports whether the request may succeed if retried later (503, 429, 5xx).
func (e *HTTPError) Transient() bool {
	return e.Status == http.StatusServiceUnavailable || e.Status == http.StatusTooManyRequests || e.Status >= 500
}

// ProtocolError is an answer the client cannot make sense of.
type ProtocolError struct {
	What string
	Err  error
}

func (e *ProtocolError) Error() string {
	if e.Err == nil {
		return "unexpected " + e.What
	}
	return fmt.Sprintf("unexpected %s: %v", e.What, e.Err)
}

func (e *ProtocolError) Unwrap() error { return e.Err }

// IsTransient reports whether err is worth retrying: a network failure or a transient HTTP
// status. Protocol errors and 4xx answers are not.
func IsTransient(err error) bool {
	var he *HTTPError
	if errors.As(err, &he) {
		return he.Transient()
	}
	var pe *ProtocolError
	return err != nil && !errors.As(err, &pe) && !errors.Is(err, context.Canceled)
}

// call sends a JSON request and decodes a 2xx answer into out.
func (c *Client) call(ctx context.Context, method, path string, in, out any) error {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return fmt.Errorf("encode %s: %w", path, err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.opts.BaseURL+path, body)
	if err != nil {
		return fmt.Errorf("request %s: %w", path, err)
	}
	req.Header.Set("Content-Type", "application/json")
	c.mu.Lock()
	if c.opts.Token != "" {
		req.Header.Set("Authorization", c.opts.Token)
	}
	c.mu.Unlock()
	res, err := c.http.Do(req)
	if err != nil {
		return fmt.Errorf("%s %s: %w", method, path, err)
	}
	defer res.Body.Close()
	data, err := io.ReadAll(res.Body)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	if res.StatusCode/100 != 2 {
		return httpError(res, data)
	}
	if err := json.Unmarshal(data, out); err != nil {
		return &ProtocolError{What: "answer of " + path, Err: err}
	}
	return nil
}

func httpError(res *http.Response, body []byte) *HTTPError {
	e := &HTTPError{Status: res.StatusCode, Body: body}
	var pb struct {
		Message string `json:"message"`
	}
	if json.Unmarshal(body, &pb) == nil && pb.Message != "" {
		e.Message = pb.Message
	} else {
		e.Message = http.StatusText(res.StatusCode)
	}
	if s, err := strconv.Atoi(res.Header.Get("Retry-After")); err == nil {
		e.RetryAfter = time.Duration(s) * time.Second
	}
	return e
}
