package pointer

// Cache mirrors the client's pointer cache (the Pointer Image Cache,
// [MS-RDPBCGR] 3.3.1.9): which shape, by Shape.Key, sits in which slot.
// Slots are handed out in order, then reused least recently used first.
// It is not safe for concurrent use.
//
// The client keeps its cache across a Deactivation-Reactivation; the
// server may Reset anyway (it then sends shapes again), and must when it
// cannot tell what the client kept.
type Cache struct {
	slots []cacheSlot
	byKey map[uint64]uint16
	tick  uint64
}

type cacheSlot struct {
	key    uint64
	used   uint64 // tick of the last Lookup that returned the slot
	filled bool
}

// NewCache returns a cache of size slots (Format.CacheSize). size is
// clamped to 1..65536 (cache indexes are 16-bit); a Format that takes no
// shapes refuses to encode, so the slot a too-small cache hands out is
// never sent.
func NewCache(size int) *Cache {
	size = min(max(size, 1), 1<<16)
	return &Cache{slots: make([]cacheSlot, size), byKey: make(map[uint64]uint16, size)}
}

// Size returns the number of slots.
func (c *Cache) Size() int { return len(c.slots) }

// Len returns the number of filled slots.
func (c *Cache) Len() int { return len(c.byKey) }

// Lookup returns the slot of s. With hit the client holds s there: send a
// Cached Pointer Update. Without, the slot (a free one, else the least
// recently used, whose shape is forgotten) now belongs to s: send s whole
// (a Color, New or Large Pointer Update) into it, or Forget it if that
// fails.
func (c *Cache) Lookup(s Shape) (index uint16, hit bool) {
	return c.lookup(s.Key())
}

func (c *Cache) lookup(key uint64) (uint16, bool) {
	c.tick++
	if i, ok := c.byKey[key]; ok {
		c.slots[i].used = c.tick
		return i, true
	}
	victim := 0
	for i := range c.slots {
		if !c.slots[i].filled {
			victim = i
			break
		}
		if c.slots[i].used < c.slots[victim].used {
			victim = i
		}
	}
	if old := &c.slots[victim]; old.filled {
		delete(c.byKey, old.key)
	}
	c.slots[victim] = cacheSlot{key: key, used: c.tick, filled: true}
	c.byKey[key] = uint16(victim)
	return uint16(victim), false
}

// Forget empties slot index, so that the next Lookup of its shape misses.
func (c *Cache) Forget(index uint16) {
	if int(index) >= len(c.slots) || !c.slots[index].filled {
		return
	}
	delete(c.byKey, c.slots[index].key)
	c.slots[index] = cacheSlot{}
}

// Reset empties the cache.
func (c *Cache) Reset() {
	clear(c.slots)
	clear(c.byKey)
}
