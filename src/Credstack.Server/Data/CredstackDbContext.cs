using Credstack.Server.Features.ApiKeys;
using Credstack.Server.Features.Bulk;
using Credstack.Server.Features.Invitations;
using Credstack.Server.Features.IssuerIdentity;
using Credstack.Server.Features.Issuing;
using Credstack.Server.Features.Members;
using Credstack.Server.Features.Notifications;
using Credstack.Server.Features.Organizations;
using Credstack.Server.Features.Templates;
using Credstack.Server.Infrastructure;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Credstack.Server.Data;

/// <summary>
/// The server's database. Abstract because each provider has its own subclass, so that each keeps its
/// own migrations (<c>Data/Migrations/Sqlite</c>, <c>Data/Migrations/Postgres</c>); the rest of the
/// server only ever asks for this type.
/// </summary>
internal abstract class CredstackDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser>(options),
        IDataProtectionKeyContext
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<Membership> Memberships => Set<Membership>();

    public DbSet<Invitation> Invitations => Set<Invitation>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<CredentialTemplate> Templates => Set<CredentialTemplate>();

    public DbSet<CredentialTemplateVersion> TemplateVersions => Set<CredentialTemplateVersion>();

    public DbSet<TemplateImage> TemplateImages => Set<TemplateImage>();

    public DbSet<IssuerKey> IssuerKeys => Set<IssuerKey>();

    public DbSet<IssuedCredential> Credentials => Set<IssuedCredential>();

    public DbSet<StatusListRecord> StatusLists => Set<StatusListRecord>();

    public DbSet<BulkJob> BulkJobs => Set<BulkJob>();

    public DbSet<BulkJobRow> BulkJobRows => Set<BulkJobRow>();

    /// <summary>The e-mail outbox (see <c>Features/Notifications</c>).</summary>
    public DbSet<OutboundEmail> OutboundEmails => Set<OutboundEmail>();

    /// <summary>The ASP.NET Core Data Protection key ring, shared by every server node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<Organization>(e =>
        {
            e.ToTable("organizations");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Description).HasMaxLength(4000);
            e.Property(x => x.Url).HasMaxLength(2000);
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.IdentifierMethod).HasMaxLength(20);
            e.HasIndex(x => x.Name).IsUnique();
        });

        builder.Entity<IssuerKey>(e =>
        {
            e.ToTable("issuer_keys");
            e.Property(x => x.KeyType).HasMaxLength(20);
            e.Property(x => x.PublicKeyMultibase).HasMaxLength(1000);
            e.Property(x => x.PublicKeyJwk).HasMaxLength(4000);
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<IssuedCredential>(e =>
        {
            e.ToTable("credentials");
            e.Property(x => x.CredentialId).HasMaxLength(2000);
            e.Property(x => x.Name).HasMaxLength(1000);
            e.Property(x => x.RecipientName).HasMaxLength(500);
            e.Property(x => x.RecipientEmail).HasMaxLength(320);
            e.Property(x => x.Format).HasMaxLength(10);
            e.Property(x => x.RevocationReason).HasMaxLength(1000);
            e.Property(x => x.IdempotencyKey).HasMaxLength(200);
            e.Property(x => x.RequestHash).HasMaxLength(64);
            e.HasIndex(x => x.CredentialId).IsUnique();
            e.HasIndex(x => new
                {
                    x.OrganizationId,
                    x.RevocationList,
                    x.RevocationIndex,
                })
                .IsUnique();
            // The indexes on columns that most credentials leave empty (a suspension slot, a bulk line,
            // an idempotency key) hold only the rows that have them: NULLs never conflict in a unique
            // index anyway, and every query on them names a value (or IS NOT NULL), which both SQLite and
            // PostgreSQL match to the filter. A bulk-issued credential then maintains five indexes, not seven.
            e.HasIndex(x => new
                {
                    x.OrganizationId,
                    x.SuspensionList,
                    x.SuspensionIndex,
                })
                .IsUnique()
                .HasFilter("\"SuspensionIndex\" IS NOT NULL");
            e.HasIndex(x => new { x.BulkJobId, x.BulkLine })
                .IsUnique()
                .HasFilter("\"BulkJobId\" IS NOT NULL");
            e.HasIndex(x => new { x.OrganizationId, x.IdempotencyKey })
                .IsUnique()
                .HasFilter("\"IdempotencyKey\" IS NOT NULL");
            e.HasIndex(x => new { x.OrganizationId, x.TemplateId });
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<StatusListRecord>(e =>
        {
            e.ToTable("status_lists");
            e.Property(x => x.Purpose).HasMaxLength(20);
            e.Property(x => x.ETag).HasMaxLength(100);
            e.HasIndex(x => new
                {
                    x.OrganizationId,
                    x.Purpose,
                    x.Number,
                })
                .IsUnique();
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BulkJob>(e =>
        {
            e.ToTable("bulk_jobs");
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.FileSha256).HasMaxLength(64);
            e.Property(x => x.IdempotencyKey).HasMaxLength(200);
            e.Property(x => x.IgnoredColumns).HasMaxLength(4000);
            e.Property(x => x.Error).HasMaxLength(2000);
            e.HasIndex(x => new { x.OrganizationId, x.IdempotencyKey }).IsUnique();
            e.HasIndex(x => new { x.TemplateId, x.FileSha256 }).IsUnique();
            e.HasIndex(x => x.OrganizationId);
            e.HasIndex(x => x.Status);
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<BulkJobRow>(e =>
        {
            e.ToTable("bulk_job_rows");
            e.HasKey(x => new { x.JobId, x.Line });
            e.Property(x => x.Email).HasMaxLength(BulkLimits.FieldLength);
            e.Property(x => x.Name).HasMaxLength(BulkLimits.FieldLength);
            e.Property(x => x.Issued).HasMaxLength(64);
            e.Property(x => x.Expires).HasMaxLength(64);
            e.Property(x => x.EvidenceUrl).HasMaxLength(BulkLimits.FieldLength);
            e.Property(x => x.Narrative).HasMaxLength(BulkLimits.FieldLength);
            e.Property(x => x.ErrorField).HasMaxLength(100);
            e.Property(x => x.Error).HasMaxLength(1000);
            e.Property(x => x.LeaseOwner).HasMaxLength(64);
            e.Property(x => x.IssuedBy).HasMaxLength(NodeIdentity.MaxLength);
            // The claim query: a job's pending rows in line order.
            e.HasIndex(x => new
            {
                x.JobId,
                x.State,
                x.Line,
            });
            e.HasOne<BulkJob>()
                .WithMany()
                .HasForeignKey(x => x.JobId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<OutboundEmail>(e =>
        {
            e.ToTable("outbound_emails");
            e.Property(x => x.To).HasMaxLength(320);
            e.Property(x => x.Kind).HasMaxLength(40);
            e.Property(x => x.Status).HasMaxLength(20);
            e.Property(x => x.LeaseOwner).HasMaxLength(100);
            e.Property(x => x.LastError).HasMaxLength(2000);
            e.Property(x => x.ClaimToken).HasMaxLength(64);
            e.Property(x => x.ClaimTokenHash).HasMaxLength(64);
            e.HasIndex(x => x.ClaimTokenHash).IsUnique();
            // The dispatcher's claim: due rows by status and time.
            e.HasIndex(x => new { x.Status, x.NextAttemptAt });
            e.HasIndex(x => new { x.OrganizationId, x.CredentialId });
            e.HasOne<IssuedCredential>()
                .WithMany()
                .HasForeignKey(x => x.CredentialId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Membership>(e =>
        {
            e.ToTable("memberships");
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
            e.HasIndex(x => new { x.OrganizationId, x.UserId }).IsUnique();
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
            e.HasOne(x => x.User)
                .WithMany()
                .HasForeignKey(x => x.UserId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<Invitation>(e =>
        {
            e.ToTable("invitations");
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ApiKey>(e =>
        {
            e.ToTable("api_keys");
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.Prefix).HasMaxLength(20);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Scopes).HasMaxLength(2000);
            e.HasIndex(x => x.Hash).IsUnique();
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CredentialTemplate>(e =>
        {
            e.ToTable("templates");
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Versions)
                .WithOne()
                .HasForeignKey(x => x.TemplateId)
                .OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CredentialTemplateVersion>(e =>
        {
            e.ToTable("template_versions");
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(TemplateLimits.NameLength);
            e.Property(x => x.Description).HasMaxLength(TemplateLimits.DescriptionLength);
            e.Property(x => x.CriteriaNarrative).HasMaxLength(TemplateLimits.DescriptionLength);
            e.Property(x => x.CriteriaUrl).HasMaxLength(TemplateLimits.UrlLength);
            e.Property(x => x.Level).HasMaxLength(TemplateLimits.ShortTextLength);
            e.Property(x => x.EffortHours).HasPrecision(9, 2);
            e.Property(x => x.EffortCredits).HasPrecision(9, 2);
            e.HasIndex(x => new { x.TemplateId, x.Version }).IsUnique();
            e.HasOne<TemplateImage>()
                .WithMany()
                .HasForeignKey(x => x.ImageId)
                .OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<TemplateImage>(e =>
        {
            e.ToTable("template_images");
            e.Property(x => x.MediaType).HasMaxLength(50);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.HasIndex(x => x.OrganizationId);
            e.HasOne<Organization>()
                .WithMany()
                .HasForeignKey(x => x.OrganizationId)
                .OnDelete(DeleteBehavior.Cascade);
        });
    }
}
