package federation

import (
	"context"
	"net/http"
	"sync"
	"time"
)

// actorTTL is how long a fetched actor (and its key) is trusted before it is fetched again.
const actorTTL = time.Hour

// actorCache keeps the actors whose keys signed deliveries, by key id, so that each delivery
// does not fetch its sender again; a signature that fails with a cached key refetches it once
// (the actor may have rotated its key).
type actorCache struct {
	mu     sync.Mutex
	actors map[string]cachedActor
}

// cachedActor is an actor and when it was fetched.
type cachedActor struct {
	actor   remoteActor
	fetched time.Time
}

// get returns the actor of keyID, fetched when not cached, stale, or fresh is asked.
func (c *actorCache) get(ctx context.Context, client *http.Client, keyID string, fresh bool) (remoteActor, error) {
	c.mu.Lock()
	hit, ok := c.actors[keyID]
	c.mu.Unlock()
	if ok && !fresh && time.Since(hit.fetched) < actorTTL {
		return hit.actor, nil
	}
	actor, err := fetchActor(ctx, client, keyID)
	if err != nil {
		return remoteActor{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.actors == nil {
		c.actors = map[string]cachedActor{}
	}
	c.actors[keyID] = cachedActor{actor: actor, fetched: time.Now()}
	return actor, nil
}
