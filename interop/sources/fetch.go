package sources

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math"
	"net"
	"net/http"
	"net/url"
	"time"
)

// input is what a source gave: its body, or that it has not changed since the validators of
// the last successful import.
type input struct {
	body               []byte
	notModified        bool
	etag, lastModified string
}

// validators are the ETag and Last-Modified kept from the last successful import.
type validators struct{ etag, lastModified string }

// fetcher reads sources over HTTP within the bounds of a Config.
type fetcher struct {
	cfg    Config
	client *http.Client
}

func newFetcher(cfg Config) *fetcher {
	dialer := &net.Dialer{Timeout: cfg.Timeout, Control: guardControl(cfg.AllowNetworks)}
	transport := &http.Transport{
		Proxy:                 nil, // a proxy would connect on our behalf, out of the guard's sight
		DialContext:           dialer.DialContext,
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   cfg.Timeout,
		ResponseHeaderTimeout: cfg.Timeout,
		IdleConnTimeout:       90 * time.Second,
		MaxIdleConns:          10,
	}
	client := &http.Client{Transport: transport, CheckRedirect: checkRedirect(cfg.MaxRedirects)}
	return &fetcher{cfg: cfg, client: client}
}

// errTooManyRedirects stops a redirect chain longer than the bound.
var errTooManyRedirects = errors.New("too many redirects")

// schemeError is a redirect to something else than http or https.
type schemeError struct{ url string }

func (e *schemeError) Error() string { return "redirect to a non-http address: " + e.url }

// checkRedirect follows at most max redirects, to http and https only.
func checkRedirect(max int) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		if len(via) > max {
			return errTooManyRedirects
		}
		if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
			return &schemeError{url: req.URL.Scheme + "://" + req.URL.Host} // no path or query: they may hold a key
		}
		return nil
	}
}

// fetch GETs rawURL, conditional on prev, within the time and size bounds.
func (f *fetcher) fetch(ctx context.Context, rawURL string, prev validators) (input, error) {
	ctx, cancel := context.WithTimeout(ctx, f.cfg.Timeout)
	defer cancel()
	req, err := newRequest(ctx, rawURL, prev)
	if err != nil {
		return input{}, err
	}
	res, err := f.client.Do(req)
	if err != nil {
		return input{}, f.explain(err)
	}
	defer res.Body.Close()
	return f.read(res)
}

// newRequest builds the conditional GET of rawURL.
func newRequest(ctx context.Context, rawURL string, prev validators) (*http.Request, error) {
	u, err := url.Parse(rawURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return nil, &runError{Code: "source_url_scheme"}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("new request: %w", err)
	}
	req.Header.Set("User-Agent", "Maillage-sources/1")
	if prev.etag != "" {
		req.Header.Set("If-None-Match", prev.etag)
	}
	if prev.lastModified != "" {
		req.Header.Set("If-Modified-Since", prev.lastModified)
	}
	return req, nil
}

// read takes the body of a successful answer, at most MaxBytes of it.
func (f *fetcher) read(res *http.Response) (input, error) {
	if res.StatusCode == http.StatusNotModified {
		return input{notModified: true}, nil
	}
	if res.StatusCode/100 != 2 {
		return input{}, &runError{Code: "source_fetch_status", Params: map[string]any{"status": res.Status}}
	}
	if res.ContentLength > f.cfg.MaxBytes {
		return input{}, f.tooBig()
	}
	body, err := io.ReadAll(io.LimitReader(res.Body, f.cfg.MaxBytes+1))
	if err != nil {
		return input{}, f.explain(err)
	}
	if int64(len(body)) > f.cfg.MaxBytes {
		return input{}, f.tooBig()
	}
	return input{body: body, etag: res.Header.Get("ETag"), lastModified: res.Header.Get("Last-Modified")}, nil
}

func (f *fetcher) tooBig() error {
	return &runError{Code: "source_fetch_too_big", Params: map[string]any{"mib": mebibytes(f.cfg.MaxBytes)}}
}

// explain turns a transport error into the reason a person reads; the URL is left out, since
// it may carry an access key and runs are read by moderators.
func (f *fetcher) explain(err error) error {
	var refused *refusedError
	var scheme *schemeError
	var netErr net.Error
	switch {
	case errors.As(err, &refused):
		return &runError{Code: "source_fetch_refused", Params: map[string]any{"address": refused.address}, Err: err}
	case errors.Is(err, errTooManyRedirects):
		return &runError{Code: "source_fetch_redirects", Params: map[string]any{"max": f.cfg.MaxRedirects}, Err: err}
	case errors.As(err, &scheme):
		return &runError{Code: "source_fetch_scheme", Params: map[string]any{"url": scheme.url}, Err: err}
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &netErr) && netErr.Timeout():
		return &runError{Code: "source_fetch_timeout", Params: map[string]any{"seconds": seconds(f.cfg.Timeout)}, Err: err}
	}
	var urlErr *url.Error
	if errors.As(err, &urlErr) {
		err = urlErr.Err
	}
	return &runError{Code: "source_fetch_failed", Params: map[string]any{"reason": err.Error()}, Err: err}
}

// seconds is d in seconds, for a message: whole (60) or with a decimal the language writes
// its way (0,2 in French).
func seconds(d time.Duration) any { return number(d.Seconds()) }

// mebibytes is n bytes in MiB, for a message, the same way.
func mebibytes(n int64) any { return number(float64(n) / (1 << 20)) }

func number(v float64) any {
	if v == math.Trunc(v) {
		return int64(v)
	}
	return v
}
