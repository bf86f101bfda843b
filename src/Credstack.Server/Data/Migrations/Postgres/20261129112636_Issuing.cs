using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Credstack.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Issuing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "IdentifierMethod",
                table: "organizations",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: ""
            );

            migrationBuilder.CreateTable(
                name: "credentials",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    CredentialId = table.Column<string>(
                        type: "character varying(2000)",
                        maxLength: 2000,
                        nullable: false
                    ),
                    TemplateId = table.Column<Guid>(type: "uuid", nullable: true),
                    TemplateVersion = table.Column<int>(type: "integer", nullable: true),
                    Name = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
                        nullable: true
                    ),
                    RecipientName = table.Column<string>(
                        type: "character varying(500)",
                        maxLength: 500,
                        nullable: true
                    ),
                    RecipientEmail = table.Column<string>(
                        type: "character varying(320)",
                        maxLength: 320,
                        nullable: true
                    ),
                    Format = table.Column<string>(
                        type: "character varying(10)",
                        maxLength: 10,
                        nullable: false
                    ),
                    Content = table.Column<string>(type: "text", nullable: false),
                    IssuedAt = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    ValidUntil = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                    RevocationIndex = table.Column<int>(type: "integer", nullable: true),
                    SuspensionIndex = table.Column<int>(type: "integer", nullable: true),
                    Revoked = table.Column<bool>(type: "boolean", nullable: false),
                    RevokedAt = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                    RevocationReason = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
                        nullable: true
                    ),
                    Suspended = table.Column<bool>(type: "boolean", nullable: false),
                    IdempotencyKey = table.Column<string>(
                        type: "character varying(200)",
                        maxLength: 200,
                        nullable: true
                    ),
                    RequestHash = table.Column<string>(
                        type: "character varying(64)",
                        maxLength: 64,
                        nullable: true
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_credentials", x => x.Id);
                    table.ForeignKey(
                        name: "FK_credentials_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "issuer_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    KeyType = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    PublicKeyMultibase = table.Column<string>(
                        type: "character varying(1000)",
                        maxLength: 1000,
                        nullable: false
                    ),
                    ProtectedSecret = table.Column<string>(type: "text", nullable: false),
                    Active = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                    RetiredAt = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: true
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_issuer_keys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_issuer_keys_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateTable(
                name: "status_lists",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Purpose = table.Column<string>(
                        type: "character varying(20)",
                        maxLength: 20,
                        nullable: false
                    ),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    SignedJson = table.Column<string>(type: "text", nullable: true),
                    ETag = table.Column<string>(
                        type: "character varying(100)",
                        maxLength: 100,
                        nullable: true
                    ),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    SignedVersion = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(
                        type: "timestamp with time zone",
                        nullable: false
                    ),
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_status_lists", x => x.Id);
                    table.ForeignKey(
                        name: "FK_status_lists_organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade
                    );
                }
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_CredentialId",
                table: "credentials",
                column: "CredentialId",
                unique: true
            );

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_IdempotencyKey",
                table: "credentials",
                columns: new[] { "OrganizationId", "IdempotencyKey" },
                unique: true
            );

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

            migrationBuilder.CreateIndex(
                name: "IX_credentials_OrganizationId_TemplateId",
                table: "credentials",
                columns: new[] { "OrganizationId", "TemplateId" }
            );

            migrationBuilder.CreateIndex(
                name: "IX_issuer_keys_OrganizationId",
                table: "issuer_keys",
                column: "OrganizationId"
            );

            migrationBuilder.CreateIndex(
                name: "IX_status_lists_OrganizationId_Purpose_Number",
                table: "status_lists",
                columns: new[] { "OrganizationId", "Purpose", "Number" },
                unique: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "credentials");

            migrationBuilder.DropTable(name: "issuer_keys");

            migrationBuilder.DropTable(name: "status_lists");

            migrationBuilder.DropColumn(name: "IdentifierMethod", table: "organizations");
        }
    }
}
