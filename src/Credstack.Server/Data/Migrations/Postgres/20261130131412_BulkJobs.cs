using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Credstack.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class BulkJobs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_credentials_OrganizationId_RevocationIndex",
                table: "credentials"
            );

            migrationBuilder.DropIndex(
                name: "IX_credentials_OrganizationId_SuspensionIndex",
                table: "credentials"
            );

            migrationBuilder.AddColumn<Guid>(
                name: "BulkJobId",
                table: "credentials",
                type: "uuid",
                nullable: true
            );

            migrationBuilder.AddColumn<int>(
                name: "BulkLine",
                table: "credentials",
                type: "integer",
                nullable: true
            );

            migrationBuilder.AddColumn<int>(
                name: "RevocationList",
                table: "credentials",
                type: "integer",
                nullable: true
            );

            migrationBuilder.AddColumn<int>(
                name: "SuspensionList",
                table: "credentials",
                type: "integer",
                nullable: true
            );

            migrationBuilder.CreateTable(
                name: "bulk_jobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: false),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Failed = table.Column<int>(type: "integer", nullable: false),
                    FileSha256 = table.Column<string>(
                        type: "character varying(64)",
                        maxLength: 64,
                        nullable: true
                    ),
                    IdempotencyKey = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    Notify = table.Column<bool>(type: "boolean", nullable: false),
                    IgnoredColumns = table.Column<string>(
                        type: "character varying(4000)",
                        maxLength: 4000,
                        nullable: true
                    ),
                    Error = table.Column<string>(
                        type: "character varying(2000)",
                        maxLength: 2000,
                        nullable: true
                    ),
                    CreatedAt = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    StartedAt = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                    CompletedAt = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                    HeartbeatAt = table.Column<long>(type: "bigint", nullable: false),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulk_jobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_bulk_jobs_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "bulk_job_rows",
                columns: table => new
                {
                    JobId = table.Column<Guid>(type: "uuid", nullable: false),
                    Line = table.Column<int>(type: "integer", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    Email = table.Column<string>(
                        type: "character varying(10000)",
                        maxLength: 10000,
                        nullable: true
                    ),
                    Name = table.Column<string>(
                        type: "character varying(10000)",
                        maxLength: 10000,
                        nullable: true
                    ),
                    Issued = table.Column<string>(
                        type: "character varying(64)",
                        maxLength: 64,
                        nullable: true
                    ),
                    Expires = table.Column<string>(
                        type: "character varying(64)",
                        maxLength: 64,
                        nullable: true
                    ),
                    EvidenceUrl = table.Column<string>(
                        type: "character varying(10000)",
                        maxLength: 10000,
                        nullable: true
                    ),
                    Narrative = table.Column<string>(
                        type: "character varying(10000)",
                        maxLength: 10000,
                        nullable: true
                    ),
                    ErrorField = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    Error = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
                        nullable: true
                    ),
                    CredentialId = table.Column<Guid>(type: "uuid", nullable: true),
                    LeaseOwner = table.Column<string>(
                        type: "character varying(64)",
                        maxLength: 64,
                        nullable: true
                    ),
                    LeaseUntil = table.Column<long>(type: "bigint", nullable: true),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_bulk_job_rows", x => new { x.JobId, x.Line });
                    table.ForeignKey(
                        name: "FK_bulk_job_rows_bulk_jobs_JobId",
                        column: x => x.JobId,
                        principalTable: "bulk_jobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            // Credentials issued before numbered lists were all in list 1.
            migrationBuilder.Sql(
                "UPDATE credentials SET \"RevocationList\" = 1 WHERE \"RevocationIndex\" IS NOT NULL"
            );
            migrationBuilder.Sql(
                "UPDATE credentials SET \"SuspensionList\" = 1 WHERE \"SuspensionIndex\" IS NOT NULL"
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_BulkJobId_BulkLine",
                table: "credentials",
                columns: new[] { "BulkJobId", "BulkLine" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_RevocationList_RevocationIndex",
                table: "credentials",
                columns: new[] { "OrganizationId", "RevocationList", "RevocationIndex" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_SuspensionList_SuspensionIndex",
                table: "credentials",
                columns: new[] { "OrganizationId", "SuspensionList", "SuspensionIndex" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_bulk_job_rows_JobId_State_Line",
                table: "bulk_job_rows",
                columns: new[] { "JobId", "State", "Line" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_bulk_jobs_OrganizationId",
                table: "bulk_jobs",
                column: "OrganizationId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_bulk_jobs_OrganizationId_IdempotencyKey",
                table: "bulk_jobs",
                columns: new[] { "OrganizationId", "IdempotencyKey" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_bulk_jobs_Status",
                table: "bulk_jobs",
                column: "Status"
            );

            migrationBuilder.CreateIndex(
                name: "IX_bulk_jobs_TemplateId_FileSha256",
                table: "bulk_jobs",
                columns: new[] { "TemplateId", "FileSha256" },
                unique: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "bulk_job_rows");

            migrationBuilder.DropTable(name: "bulk_jobs");

            migrationBuilder.DropIndex(
                name: "IX_credentials_BulkJobId_BulkLine",
                table: "credentials"
            );

            migrationBuilder.DropIndex(
                name: "IX_credentials_OrganizationId_RevocationList_RevocationIndex",
                table: "credentials"
            );

            migrationBuilder.DropIndex(
                name: "IX_credentials_OrganizationId_SuspensionList_SuspensionIndex",
                table: "credentials"
            );

            migrationBuilder.DropColumn(name: "BulkJobId", table: "credentials");

            migrationBuilder.DropColumn(name: "BulkLine", table: "credentials");

            migrationBuilder.DropColumn(name: "RevocationList", table: "credentials");

            migrationBuilder.DropColumn(name: "SuspensionList", table: "credentials");

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_RevocationIndex",
                table: "credentials",
                columns: new[] { "OrganizationId", "RevocationIndex" },
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_SuspensionIndex",
                table: "credentials",
                columns: new[] { "OrganizationId", "SuspensionIndex" },
                unique: true
            );
        }
    }
}
