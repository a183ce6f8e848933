package federation

import "net/http"

// LoosenForTest makes the outbox publish every record that is not deleted, whatever its
// visibility and status, until restore is called: the negative control of the leak tests.
func LoosenForTest() (restore func()) {
	saved := publicWhere
	publicWhere = "[[deleted]] = 0"
	return func() { publicWhere = saved }
}

// UseClientForTest makes the apps registered from now on fetch and deliver with client (one
// that reaches loopback test servers), until restore is called.
func UseClientForTest(client *http.Client) (restore func()) {
	saved := newClient
	newClient = func() *http.Client { return client }
	return func() { newClient = saved }
}
