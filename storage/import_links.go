package storage

import "gorm.io/gorm"

// batchLinks holds, for one ImportBatch, the relation addresses and
// projects its messages name, read with two queries for the whole batch
// instead of two per message.
type batchLinks struct {
	byAddr   map[string][]uint // normalised address → relation IDs, ascending
	projects map[string]uint   // project number → ID
}

func loadBatchLinks(tx *gorm.DB, batch []NewMessage) (*batchLinks, error) {
	l := &batchLinks{byAddr: map[string][]uint{}, projects: map[string]uint{}}
	addrSet, numSet := map[string]bool{}, map[string]bool{}
	for i := range batch {
		for _, a := range batch[i].LinkAddresses {
			addrSet[NormalizeAddress(a)] = true
		}
		if n := batch[i].ProjectNumber; n != "" {
			numSet[n] = true
		}
	}
	for _, chunk := range chunks(keys(addrSet), 500) {
		var rows []RelationEmail
		if err := tx.Where("address IN ?", chunk).Order("address, relation_id").Find(&rows).Error; err != nil {
			return nil, err
		}
		for _, r := range rows {
			l.byAddr[r.Address] = append(l.byAddr[r.Address], r.RelationID)
		}
	}
	if len(numSet) > 0 {
		var ps []Project
		if err := tx.Where("number IN ?", keys(numSet)).Find(&ps).Error; err != nil {
			return nil, err
		}
		for _, p := range ps {
			l.projects[p.Number] = p.ID
		}
	}
	return l, nil
}

// relations links addresses to relations. An address that two relations
// share is not guessed at: it is reported for a person to choose (manual
// 000 links by address; ambiguity needs attention).
func (l *batchLinks) relations(addresses []string) ([]Relation, []string) {
	seen := map[uint]bool{}
	done := map[string]bool{}
	var rels []Relation
	var attention []string
	for _, raw := range addresses {
		a := NormalizeAddress(raw)
		if done[a] {
			continue
		}
		done[a] = true
		ids := l.byAddr[a]
		switch {
		case len(ids) > 1:
			attention = append(attention, "several relations have "+a)
		case len(ids) == 1 && !seen[ids[0]]:
			seen[ids[0]] = true
			rels = append(rels, Relation{ID: ids[0]})
		}
	}
	return rels, attention
}

func keys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	return out
}

func chunks(list []string, n int) [][]string {
	var out [][]string
	for len(list) > n {
		out, list = append(out, list[:n]), list[n:]
	}
	if len(list) > 0 {
		out = append(out, list)
	}
	return out
}

// packedRowsPerInsert is how many message rows one INSERT of an SQLite
// import carries. The SQLite driver looks each of a statement's
// parameters up among all its arguments, a cost that grows with the
// square of the row count: 100 rows of some 25 columns were half of
// ImportBatch's instructions; 10 rows cost little more in statements
// (BENCHMARKS.md).
const packedRowsPerInsert = 10

// insertRows inserts a batch's messages with their links and attachments.
// Raw messages in their rows (PostgreSQL, no pack) go one INSERT per row:
// a multi-row INSERT of blobs made SQLite hold every blob's pages at once
// and doubled the CPU (BENCHMARKS.md). Without blobs, multi-row INSERTs
// save a statement per message.
func insertRows(tx *gorm.DB, packed bool, rows []Message) error {
	q := tx.Omit("Relations.*", "Project")
	if packed {
		return q.CreateInBatches(rows, packedRowsPerInsert).Error
	}
	for i := range rows {
		if err := q.Create(&rows[i]).Error; err != nil {
			return err
		}
	}
	return nil
}
