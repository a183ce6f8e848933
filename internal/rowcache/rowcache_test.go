package rowcache

import (
	"bytes"
	"fmt"
	"testing"
)

func TestServedOnlyAtItsRev(t *testing.T) {
	c := New(1 << 20)
	k := Key{Form: "sync", Schema: "c@1", ID: "a"}
	body := []byte(`{"name":"Jardin"}`)
	c.Put(k, 7, body)
	body[2] = 'X' // the cache keeps its own copy
	if got, ok := c.Get(k, 7); !ok || string(got) != `{"name":"Jardin"}` {
		t.Fatalf("Get at the rev put: %q, %v", got, ok)
	}
	for _, rev := range []int64{6, 8, 0} {
		if got, ok := c.Get(k, rev); ok {
			t.Errorf("Get at rev %d served %q, kept at 7", rev, got)
		}
	}
	for _, other := range []Key{{"feature", "c@1", "a"}, {"sync", "c@2", "a"}, {"sync", "c@1", "b"}} {
		if _, ok := c.Get(other, 7); ok {
			t.Errorf("Get of %+v served the row of %+v", other, k)
		}
	}
	c.Clear()
	if _, ok := c.Get(k, 7); ok {
		t.Error("Get after Clear served a row")
	}
}

func TestKeepsNoRevBelowOneAndNoNil(t *testing.T) {
	c := New(1 << 20)
	c.Put(Key{ID: "a"}, 0, []byte("{}"))
	c.Put(Key{ID: "b"}, 3, nil)
	if c.Len() != 0 {
		t.Fatalf("%d rows kept, want none", c.Len())
	}
	var off *Cache // New(0): no cache, every call valid
	off.Put(Key{ID: "a"}, 1, []byte("{}"))
	if _, ok := off.Get(Key{ID: "a"}, 1); ok || New(0) != nil || off.Len() != 0 {
		t.Fatal("a nil cache kept a row")
	}
}

// The memory bound holds: 1,000 rows of 10 KB in a cache of 1 MB leave at most about 100.
func TestBoundedByBytes(t *testing.T) {
	c := New(1 << 20)
	body := bytes.Repeat([]byte("x"), 10<<10)
	for i := range 1000 {
		c.Put(Key{Form: "sync", ID: fmt.Sprint(i)}, 1, body)
	}
	c.c.CleanUp()
	if n := c.Len(); n == 0 || n > 103 {
		t.Fatalf("%d rows of 10 KB kept in 1 MB", n)
	}
}
