package gcc

import "fmt"

// Helpers shared by ClientData and ServerData.

// nilOr returns p as a block, or a nil interface if p is a nil pointer.
func nilOr[P interface {
	*T
	block
}, T any](p P) block {
	if p == nil {
		return nil
	}
	return p
}

// orderBlocks lists the blocks of a ClientData or ServerData in encoding
// order. With a nil order it takes the present modelled blocks in canonical
// order, then unknown. Otherwise order must name each present modelled block
// once, no absent one, and the unknown blocks' types in sequence.
func orderBlocks(what string, order, canonical []BlockType,
	field func(BlockType) (block, bool), unknown []RawBlock) ([]block, error) {
	for i := range unknown {
		if _, known := field(unknown[i].Type); known {
			return nil, fmt.Errorf("gcc: %s: Unknown[%d] has modelled type %v; use its field", what, i, unknown[i].Type)
		}
	}
	if order == nil {
		var out []block
		for _, t := range canonical {
			if b, _ := field(t); b != nil {
				out = append(out, b)
			}
		}
		for i := range unknown {
			out = append(out, &unknown[i])
		}
		return out, nil
	}
	out := make([]block, 0, len(order))
	seen := make(map[BlockType]bool, len(canonical))
	next := 0
	for _, t := range order {
		b, known := field(t)
		switch {
		case known && b == nil:
			return out, fmt.Errorf("gcc: %s: Order lists %v but that block is nil", what, t)
		case known && seen[t]:
			return out, fmt.Errorf("gcc: %s: Order lists %v twice: %w", what, t, ErrDuplicateBlock)
		case known:
			seen[t] = true
			out = append(out, b)
		case next >= len(unknown) || unknown[next].Type != t:
			return out, fmt.Errorf("gcc: %s: Order lists %v where Unknown has no such next block", what, t)
		default:
			out = append(out, &unknown[next])
			next++
		}
	}
	for _, t := range canonical {
		if b, _ := field(t); b != nil && !seen[t] {
			return out, fmt.Errorf("gcc: %s: %v is set but not in Order", what, t)
		}
	}
	if next != len(unknown) {
		return out, fmt.Errorf("gcc: %s: Order lists %d of %d Unknown blocks", what, next, len(unknown))
	}
	return out, nil
}

// blocksSize returns the total encoded size of bs.
func blocksSize(bs []block) int {
	n := 0
	for _, b := range bs {
		n += b.Size()
	}
	return n
}

// appendBlocks appends every block of bs.
func appendBlocks(b []byte, bs []block) ([]byte, error) {
	for _, blk := range bs {
		var err error
		if b, err = blk.AppendBinary(b); err != nil {
			return b, err
		}
	}
	return b, nil
}
