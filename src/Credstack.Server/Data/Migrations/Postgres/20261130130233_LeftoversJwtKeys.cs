using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Credstack.Server.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeftoversJwtKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterColumn<string>(
                name: "PublicKeyMultibase",
                table: "issuer_keys",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000
            );

            migrationBuilder.AddColumn<string>(
                name: "PublicKeyJwk",
                table: "issuer_keys",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true
            );
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(name: "PublicKeyJwk", table: "issuer_keys");

            migrationBuilder.AlterColumn<string>(
                name: "PublicKeyMultibase",
                table: "issuer_keys",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(1000)",
                oldMaxLength: 1000,
                oldNullable: true
            );
        }
    }
}
