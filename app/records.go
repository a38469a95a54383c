package app

import (
	"context"
	"time"

	"postbridge/storage"
)

// The store's reads and writes the window makes: forwarded as they are,
// so that the window works through the application layer and never holds
// the store (docs/ARCHITECTURE.md).

// APITokens is the store's APITokens.
func (a *Actions) APITokens() ([]storage.APIToken, error) {
	return a.Store.APITokens()
}

// AttachmentFile is the store's AttachmentFile.
func (a *Actions) AttachmentFile(att storage.Attachment) (string, error) {
	return a.Store.AttachmentFile(att)
}

// Company is the store's Company.
func (a *Actions) Company() (storage.Company, error) {
	return a.Store.Company()
}

// CreateAPIToken is the store's CreateAPIToken.
func (a *Actions) CreateAPIToken(name string, scopes string, now time.Time) (string, error) {
	return a.Store.CreateAPIToken(name, scopes, now)
}

// DeleteDomain is the store's DeleteDomain.
func (a *Actions) DeleteDomain(domain string) error {
	return a.Store.DeleteDomain(domain)
}

// DeleteImapAccount is the store's DeleteImapAccount.
func (a *Actions) DeleteImapAccount(id uint) error {
	return a.Store.DeleteImapAccount(id)
}

// DeleteMailServer is the store's DeleteMailServer.
func (a *Actions) DeleteMailServer(id uint) error {
	return a.Store.DeleteMailServer(id)
}

// DeleteProject is the store's DeleteProject.
func (a *Actions) DeleteProject(id uint) error {
	return a.Store.DeleteProject(id)
}

// DeleteRelation is the store's DeleteRelation.
func (a *Actions) DeleteRelation(id uint) error {
	return a.Store.DeleteRelation(id)
}

// DeleteRole is the store's DeleteRole.
func (a *Actions) DeleteRole(id uint) error {
	return a.Store.DeleteRole(id)
}

// DeleteUser is the store's DeleteUser.
func (a *Actions) DeleteUser(id uint) error {
	return a.Store.DeleteUser(id)
}

// DeleteWebhook is the store's DeleteWebhook.
func (a *Actions) DeleteWebhook(name string) error {
	return a.Store.DeleteWebhook(name)
}

// Domains is the store's Domains.
func (a *Actions) Domains() ([]storage.SendingDomain, error) {
	return a.Store.Domains()
}

// HealthRows is the store's HealthRows.
func (a *Actions) HealthRows(now time.Time) ([]storage.HealthRow, error) {
	return a.Store.HealthRows(now)
}

// MailCountsByProject is the store's MailCountsByProject.
func (a *Actions) MailCountsByProject() (map[uint]int, error) {
	return a.Store.MailCountsByProject()
}

// MailCountsByRelation is the store's MailCountsByRelation.
func (a *Actions) MailCountsByRelation() (map[uint]int, error) {
	return a.Store.MailCountsByRelation()
}

// MailServers is the store's MailServers.
func (a *Actions) MailServers() ([]storage.MailServer, error) {
	return a.Store.MailServers()
}

// MessageByID is the store's MessageByID.
func (a *Actions) MessageByID(id uint) (storage.Message, error) {
	return a.Store.MessageByID(id)
}

// Projects is the store's Projects.
func (a *Actions) Projects(query string) ([]storage.Project, error) {
	return a.Store.Projects(query)
}

// Relations is the store's Relations.
func (a *Actions) Relations(query string) ([]storage.Relation, error) {
	return a.Store.Relations(query)
}

// ResolveAttention is the store's ResolveAttention.
func (a *Actions) ResolveAttention(messageID uint, link storage.AttentionLink) error {
	return a.Store.ResolveAttention(messageID, link)
}

// RevokeAPIToken is the store's RevokeAPIToken.
func (a *Actions) RevokeAPIToken(name string) error {
	return a.Store.RevokeAPIToken(name)
}

// Roles is the store's Roles.
func (a *Actions) Roles() ([]storage.Role, error) {
	return a.Store.Roles()
}

// SaveCompany is the store's SaveCompany.
func (a *Actions) SaveCompany(c *storage.Company) error {
	return a.Store.SaveCompany(c)
}

// SaveImapAccount is the store's SaveImapAccount.
func (a *Actions) SaveImapAccount(acc *storage.ImapAccount) error {
	return a.Store.SaveImapAccount(acc)
}

// SaveMailServer is the store's SaveMailServer.
func (a *Actions) SaveMailServer(m *storage.MailServer) error {
	return a.Store.SaveMailServer(m)
}

// SaveProject is the store's SaveProject.
func (a *Actions) SaveProject(p *storage.Project) error {
	return a.Store.SaveProject(p)
}

// SaveRelation is the store's SaveRelation.
func (a *Actions) SaveRelation(r *storage.Relation) error {
	return a.Store.SaveRelation(r)
}

// SaveRole is the store's SaveRole.
func (a *Actions) SaveRole(r *storage.Role) error {
	return a.Store.SaveRole(r)
}

// SaveUser is the store's SaveUser.
func (a *Actions) SaveUser(u *storage.User) error {
	return a.Store.SaveUser(u)
}

// SaveWebhook is the store's SaveWebhook.
func (a *Actions) SaveWebhook(w *storage.Webhook) error {
	return a.Store.SaveWebhook(w)
}

// SetDomainDisabled is the store's SetDomainDisabled.
func (a *Actions) SetDomainDisabled(domain string, disabled bool) error {
	return a.Store.SetDomainDisabled(domain, disabled)
}

// SetDomainExcluded is the store's SetDomainExcluded.
func (a *Actions) SetDomainExcluded(domain string, excluded bool) error {
	return a.Store.SetDomainExcluded(domain, excluded)
}

// UserByID is the store's UserByID.
func (a *Actions) UserByID(id uint) (storage.User, error) {
	return a.Store.UserByID(id)
}

// UserOfAccount is the store's UserOfAccount.
func (a *Actions) UserOfAccount(id uint) (storage.User, error) {
	return a.Store.UserOfAccount(id)
}

// Users is the store's Users.
func (a *Actions) Users() ([]storage.User, error) {
	return a.Store.Users()
}

// UsersWithAccounts is the store's UsersWithAccounts.
func (a *Actions) UsersWithAccounts() ([]storage.User, error) {
	return a.Store.UsersWithAccounts()
}

// Webhooks is the store's Webhooks.
func (a *Actions) Webhooks() ([]storage.Webhook, error) {
	return a.Store.Webhooks()
}

// CountMessages is the store's CountMessages.
func (a *Actions) CountMessages(q storage.MessageQuery) (int64, error) {
	return a.Store.CountMessages(q)
}

// MessagePage is the store's MessagePage.
func (a *Actions) MessagePage(q storage.MessageQuery, offset int, limit int) ([]storage.MessageRow, error) {
	return a.Store.MessagePage(q, offset, limit)
}

// DatabaseKind is the store's database: "sqlite" or "postgres".
func (a *Actions) DatabaseKind() string {
	if a == nil || a.Store == nil {
		return ""
	}
	return a.Store.Kind()
}

// SearchPending is the store's SearchPending.
func (a *Actions) SearchPending() (int64, error) {
	return a.Store.SearchPending()
}

// IndexSearch is the store's IndexSearch.
func (a *Actions) IndexSearch(ctx context.Context) (int, error) {
	return a.Store.IndexSearch(ctx)
}

// ListMessages is the store's ListMessages.
func (a *Actions) ListMessages(f storage.MessageFilter) ([]storage.Message, error) {
	return a.Store.ListMessages(f)
}
