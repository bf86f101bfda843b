using System.Numerics;
using System.Security.Cryptography;
using Credstack.Credentials.Keys;
using Credstack.Credentials.Keys.Ed25519;
using NSec.Cryptography;

namespace Credstack.Credentials.Tests.Keys.Ed25519;

/// <summary>
/// The table-based Ed25519 verifier: RFC 8032 §7.1 vectors through the table path, and differential
/// tests against libsodium (NSec) on valid, corrupted, non-canonical, small-order and mixed-order cases.
/// </summary>
public sealed class Ed25519FastVerifyTests
{
    private static readonly BigInteger P = FieldElement51.P;
    private static readonly BigInteger L = Scalar25519.L;

    private const string Message1024 =
        "08b8b2b733424243760fe426a4b54908632110a66c2f6591eabd3345e3e4eb98fa6e264bf09efe12ee50f8f54e9f77b1"
        + "e355f6c50544e23fb1433ddf73be84d879de7c0046dc4996d9e773f4bc9efe5738829adb26c81b37c93a1b270b20329d"
        + "658675fc6ea534e0810a4432826bf58c941efb65d57a338bbd2e26640f89ffbc1a858efcb8550ee3a5e1998bd177e93a"
        + "7363c344fe6b199ee5d02e82d522c4feba15452f80288a821a579116ec6dad2b3b310da903401aa62100ab5d1a36553e"
        + "06203b33890cc9b832f79ef80560ccb9a39ce767967ed628c6ad573cb116dbefefd75499da96bd68a8a97b928a8bbc10"
        + "3b6621fcde2beca1231d206be6cd9ec7aff6f6c94fcd7204ed3455c68c83f4a41da4af2b74ef5c53f1d8ac70bdcb7ed1"
        + "85ce81bd84359d44254d95629e9855a94a7c1958d1f8ada5d0532ed8a5aa3fb2d17ba70eb6248e594e1a2297acbbb39d"
        + "502f1a8c6eb6f1ce22b3de1a1f40cc24554119a831a9aad6079cad88425de6bde1a9187ebb6092cf67bf2b13fd65f270"
        + "88d78b7e883c8759d2c4f5c65adb7553878ad575f9fad878e80a0c9ba63bcbcc2732e69485bbc9c90bfbd62481d9089b"
        + "eccf80cfe2df16a2cf65bd92dd597b0707e0917af48bbb75fed413d238f5555a7a569d80c3414a8d0859dc65a46128ba"
        + "b27af87a71314f318c782b23ebfe808b82b0ce26401d2e22f04d83d1255dc51addd3b75a2b1ae0784504df543af8969b"
        + "e3ea7082ff7fc9888c144da2af58429ec96031dbcad3dad9af0dcbaaaf268cb8fcffead94f3c7ca495e056a9b47acdb7"
        + "51fb73e666c6c655ade8297297d07ad1ba5e43f1bca32301651339e22904cc8c42f58c30c04aafdb038dda0847dd988d"
        + "cda6f3bfd15c4b4c4525004aa06eeff8ca61783aacec57fb3d1f92b0fe2fd1a85f6724517b65e614ad6808d6f6ee34df"
        + "f7310fdc82aebfd904b01e1dc54b2927094b2db68d6f903b68401adebf5a7e08d78ff4ef5d63653a65040cf9bfd4aca7"
        + "984a74d37145986780fc0b16ac451649de6188a7dbdf191f64b5fc5e2ab47b57f7f7276cd419c17a3ca8e1b939ae49e4"
        + "88acba6b965610b5480109c8b17b80e1b7b750dfc7598d5d5011fd2dcc5600a32ef5b52a1ecc820e308aa342721aac09"
        + "43bf6686b64b2579376504ccc493d97e6aed3fb0f9cd71a43dd497f01f17c0e2cb3797aa2a2f256656168e6c496afc5f"
        + "b93246f6b1116398a346f1a641f3b041e989f7914f90cc2c7fff357876e506b50d334ba77c225bc307ba537152f3f161"
        + "0e4eafe595f6d9d90d11faa933a15ef1369546868a7f3a45a96768d40fd9d03412c091c6315cf4fde7cb68606937380d"
        + "b2eaaa707b4c4185c32eddcdd306705e4dc1ffc872eeee475a64dfac86aba41c0618983f8741c5ef68d3a101e8a3b8ca"
        + "c60c905c15fc910840b94c00a0b9d0";

    public static TheoryData<string, string, string, string> Rfc8032Vectors =>
        new()
        {
            // TEST 1
            {
                "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                "",
                "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"
            },
            // TEST 2
            {
                "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                "72",
                "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"
            },
            // TEST 3
            {
                "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                "af82",
                "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"
            },
            // TEST 1024
            {
                "f5e5767cf153319517630f226876b86c8160cc583bc013744c6bf255f5cc0ee5",
                "278117fc144c72340f67d0f2316e8386ceffbf2b2428c9c51fef7c597f1d426e",
                Message1024,
                "0aab4c900501b3e24d7cdf4663326a3a87df5e4843b2cbdb67cbf6e460fec350aa5371b1508f9f4528ecea23c436d94b5e8fcd4f681e30a6ac00a9704a188a03"
            },
            // TEST SHA(abc)
            {
                "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
                "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
                "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"
            },
        };

    [Theory]
    [MemberData(nameof(Rfc8032Vectors))]
    public void Rfc8032Vector_VerifiesThroughTheTable(
        string seedHex,
        string publicKeyHex,
        string messageHex,
        string signatureHex
    )
    {
        var seed = Convert.FromHexString(seedHex);
        var publicKey = Convert.FromHexString(publicKeyHex);
        var message = Convert.FromHexString(messageHex);
        var signature = Convert.FromHexString(signatureHex);
        // The transcription is checked: libsodium derives the same key and signature from the seed.
        using (var nsec = ImportSeed(seed))
        {
            Assert.Equal(publicKey, nsec.PublicKey.Export(KeyBlobFormat.RawPublicKey));
            Assert.Equal(signature, SignatureAlgorithm.Ed25519.Sign(nsec, message));
        }
        var key = Ed25519VerificationKey.Create(publicKey);

        var (valid, byTable) = key.VerifyDetailed(message, signature, forceTable: true);

        Assert.True(valid);
        Assert.True(byTable);
        Assert.True(Ed25519FastVerifier.TryCreate(publicKey)!.Verify(message, signature));
        var tampered = (byte[])signature.Clone();
        tampered[5] ^= 0x10;
        Assert.Equal((false, false), key.VerifyDetailed(message, tampered, forceTable: true));
    }

    [Fact]
    public void FieldArithmetic_MatchesBigInteger()
    {
        var random = new Random(25519);
        for (int i = 0; i < 400; i++)
        {
            // Limbs up to the documented input bound of Mul and Square (2^54).
            var a = RandomElement(random, 54);
            var b = RandomElement(random, 54);
            var av = Value(a);
            var bv = Value(b);
            Assert.Equal(Mod(av * bv), Value(FieldElement51.Mul(a, b)));
            Assert.Equal(Mod(av * av), Value(FieldElement51.Square(a)));
            Assert.Equal(Mod(av + bv), Value(FieldElement51.Add(a, b)));
            var c = RandomElement(random, 52);
            Assert.Equal(Mod(av - Value(c)), Value(FieldElement51.Sub(a, c)));
            Assert.Equal(Mod(av), FieldElement51.ToBigInteger(a));
            Assert.Equal(Mod(av), Value(FieldElement51.Carry(a)));
        }
        // The largest limbs Mul and Square accept (every partial sum at its bound).
        const ulong top = (1UL << 54) - 1;
        var max = new FieldElement51(top, top, top, top, top);
        Assert.Equal(Mod(Value(max) * Value(max)), Value(FieldElement51.Mul(max, max)));
        Assert.Equal(Mod(Value(max) * Value(max)), Value(FieldElement51.Square(max)));
        for (int i = 0; i < 20; i++)
        {
            var a = RandomElement(random, 51);
            var av = Mod(Value(a));
            var inverse = FieldElement51.ToBigInteger(FieldElement51.Invert(a));
            Assert.Equal(BigInteger.ModPow(av, P - 2, P), inverse);
            Assert.Equal(inverse, FieldElement51.ToBigInteger(ModInverse25519.Invert(a)));
            Assert.Equal(av.IsZero ? BigInteger.Zero : BigInteger.One, Mod(av * inverse));
            Assert.Equal(
                BigInteger.ModPow(av, (P - 5) / 8, P),
                FieldElement51.ToBigInteger(FieldElement51.Pow22523(a))
            );
        }
    }

    [Fact]
    public void VariableTimeInverse_MatchesFermat()
    {
        var random = new Random(255);
        var values = new List<BigInteger>
        {
            0,
            1,
            2,
            19,
            P - 1,
            P - 2,
            (P - 1) / 2,
            BigInteger.One << 254,
        };
        for (int i = 0; i < 2000; i++)
        {
            values.Add(new BigInteger(RandomBytes(random, 32), isUnsigned: true) % P);
        }
        foreach (var v in values)
        {
            var a = FieldElement51.FromBigInteger(v);
            var expected = v.IsZero ? BigInteger.Zero : BigInteger.ModPow(v, P - 2, P);
            Assert.Equal(expected, FieldElement51.ToBigInteger(ModInverse25519.Invert(a)));
        }
    }

    [Fact]
    public void FieldEncoding_IsCanonicalAndReducesValuesFromPUpward()
    {
        for (int k = 0; k < 19; k++)
        {
            var bytes = ToBytes32(P + k);
            Assert.False(FieldElement51.IsCanonicalEncoding(bytes));
            bytes[31] |= 0x80;
            Assert.False(FieldElement51.IsCanonicalEncoding(bytes));
            var encoded = new byte[32];
            FieldElement51.ToBytes(FieldElement51.FromBytes(bytes), encoded);
            Assert.Equal(ToBytes32(k), encoded);
        }
        Assert.True(FieldElement51.IsCanonicalEncoding(ToBytes32(P - 1)));
        Assert.True(FieldElement51.IsCanonicalEncoding(ToBytes32(0)));
        Assert.Equal(
            P - 1,
            FieldElement51.ToBigInteger(FieldElement51.FromBytes(ToBytes32(P - 1)))
        );
        // A non-reduced element just below 2p encodes reduced.
        var big = new FieldElement51(
            (1UL << 51) + 30,
            FieldElement51.Mask,
            FieldElement51.Mask,
            FieldElement51.Mask,
            FieldElement51.Mask
        );
        Assert.Equal(Mod(Value(big)), FieldElement51.ToBigInteger(big));
    }

    [Fact]
    public void Decode_RecoversXWithItsSign_AndTheBasePoint()
    {
        // RFC 8032 §5.1: B = (15112221349535400772501151409588531511454012693041857206046113283949847762202, 4/5).
        var basePoint = Convert.FromHexString(
            "5866666666666666666666666666666666666666666666666666666666666666"
        );
        Assert.True(EdwardsPoint.TryDecode(basePoint, out var b));
        Assert.Equal(
            BigInteger.Parse(
                "15112221349535400772501151409588531511454012693041857206046113283949847762202"
            ),
            FieldElement51.ToBigInteger(b.X)
        );
        var d = FieldElement51.ToBigInteger(FieldElement51.D);
        var random = new Random(7);
        for (int i = 0; i < 50; i++)
        {
            using var nsec = ImportSeed(RandomBytes(random, 32));
            var publicKey = nsec.PublicKey.Export(KeyBlobFormat.RawPublicKey);
            Assert.True(EdwardsPoint.TryDecode(publicKey, out var a));
            var x = FieldElement51.ToBigInteger(a.X);
            var y = FieldElement51.ToBigInteger(a.Y);
            // −x² + y² = 1 + d·x²·y² (RFC 8032 §5.1), and the sign bit is x's low bit.
            Assert.Equal(Mod(1 + (d * x * x * y * y)), Mod((y * y) - (x * x)));
            Assert.Equal((publicKey[31] >> 7) == 1, !x.IsEven);
            var encoded = new byte[32];
            EdwardsPoint.Encode(a, encoded);
            Assert.Equal(publicKey, encoded);
        }
        // y = 2 is not on the curve (x² = 3/(4d + 1) is not a square).
        Assert.False(EdwardsPoint.TryDecode(ToBytes32(2), out _));
    }

    [Fact]
    public void ScalarReduce_MatchesBigIntegerModL()
    {
        var random = new Random(252);
        var inputs = new List<byte[]>
        {
            new byte[64],
            Enumerable.Repeat((byte)0xff, 64).ToArray(),
            ToBytes64(L),
            ToBytes64(L - 1),
            ToBytes64(L * L),
            ToBytes64((BigInteger.One << 512) - L),
        };
        for (int i = 0; i < 500; i++)
        {
            inputs.Add(RandomBytes(random, 64));
        }
        var reduced = new byte[32];
        foreach (var input in inputs)
        {
            Scalar25519.Reduce512(input, reduced);
            var expected = new BigInteger(input, isUnsigned: true) % L;
            Assert.Equal(expected, new BigInteger(reduced, isUnsigned: true));
        }
    }

    [Fact]
    public void ScalarCanonical_IsBelowL()
    {
        Assert.True(Scalar25519.IsCanonical(ToBytes32(0)));
        Assert.True(Scalar25519.IsCanonical(ToBytes32(L - 1)));
        Assert.False(Scalar25519.IsCanonical(ToBytes32(L)));
        Assert.False(Scalar25519.IsCanonical(ToBytes32(L + 1)));
        Assert.False(Scalar25519.IsCanonical(ToBytes32((BigInteger.One << 256) - 1)));
        Assert.True(Scalar25519.IsCanonical(ToBytes32((BigInteger.One << 252) - 1)));
    }

    [Theory]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(8)]
    public void Recode_GivesSignedDigitsSummingToTheScalar(int w)
    {
        var random = new Random(w);
        int positions = Ed25519PointTable.PositionsFor(w);
        var scalars = new List<BigInteger> { 0, L - 1, (BigInteger.One << 253) - 1 };
        for (int i = 0; i < 300; i++)
        {
            scalars.Add(new BigInteger(RandomBytes(random, 32), isUnsigned: true) % L);
        }
        var digits = new sbyte[positions];
        foreach (var s in scalars)
        {
            Scalar25519.Recode(ToBytes32(s), w, digits);
            BigInteger sum = 0;
            for (int i = positions - 1; i >= 0; i--)
            {
                Assert.InRange(digits[i], -(1 << (w - 1)), 1 << (w - 1));
                sum = (sum << w) + digits[i];
            }
            Assert.Equal(s, sum);
        }
    }

    [Fact]
    public void SmallOrderBlocklist_ListsPointsOfOrderDividing8()
    {
        var canonical = new[]
        {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        };
        foreach (var hex in canonical)
        {
            var bytes = Convert.FromHexString(hex);
            Assert.True(Ed25519FastVerifier.HasSmallOrderEncoding(bytes));
            Assert.True(EdwardsPoint.TryDecode(bytes, out var point));
            var eight = EdwardsPoint.Double(EdwardsPoint.Double(EdwardsPoint.Double(point)));
            Assert.Equal(Identity, Encode(eight));
        }
        Assert.False(
            Ed25519FastVerifier.HasSmallOrderEncoding(
                Convert.FromHexString(
                    "5866666666666666666666666666666666666666666666666666666666666666"
                )
            )
        );
    }

    [Fact]
    public void RandomKeysAndMessages_AgreeWithLibsodium()
    {
        var random = new Random(2022);
        for (int k = 0; k < 200; k++)
        {
            using var nsec = ImportSeed(RandomBytes(random, 32));
            var key = Ed25519VerificationKey.Create(
                nsec.PublicKey.Export(KeyBlobFormat.RawPublicKey)
            );
            var fast = Ed25519FastVerifier.TryCreate(key.RawKey)!;
            for (int m = 0; m < 10; m++)
            {
                var message = RandomBytes(random, random.Next(0, m == 0 ? 2000 : 200));
                var signature = SignatureAlgorithm.Ed25519.Sign(nsec, message);
                // A valid signature is decided by the table, not by the fallback.
                Assert.True(fast.Verify(message, signature));
                Assert.Equal(
                    (true, true),
                    key.VerifyDetailed(message, signature, forceTable: true)
                );

                var flippedR = (byte[])signature.Clone();
                flippedR[random.Next(0, 32)] ^= (byte)(1 << random.Next(0, 8));
                AssertAgrees(key, fast, message, flippedR);
                var flippedS = (byte[])signature.Clone();
                flippedS[random.Next(32, 64)] ^= (byte)(1 << random.Next(0, 8));
                AssertAgrees(key, fast, message, flippedS);
                if (message.Length > 0)
                {
                    var flippedMessage = (byte[])message.Clone();
                    flippedMessage[random.Next(0, message.Length)] ^= (byte)(
                        1 << random.Next(0, 8)
                    );
                    AssertAgrees(key, fast, flippedMessage, signature);
                }
                // S + L: the same point equation, refused as non-canonical (RFC 8032 §5.1.7).
                var sPlusL = (byte[])signature.Clone();
                var s = new BigInteger(signature.AsSpan(32), isUnsigned: true) + L;
                ToBytes32(s).CopyTo(sPlusL, 32);
                Assert.False(fast.Verify(message, sPlusL));
                AssertAgrees(key, fast, message, sPlusL);
            }
        }
    }

    [Fact]
    public void SmallOrderAndNonCanonicalRAndA_AgreeWithLibsodium()
    {
        var random = new Random(8);
        using var nsec = ImportSeed(RandomBytes(random, 32));
        var key = Ed25519VerificationKey.Create(nsec.PublicKey.Export(KeyBlobFormat.RawPublicKey));
        var fast = Ed25519FastVerifier.TryCreate(key.RawKey)!;
        var message = RandomBytes(random, 40);
        var signature = SignatureAlgorithm.Ed25519.Sign(nsec, message);
        foreach (var encoding in SpecialEncodings())
        {
            var withR = (byte[])signature.Clone();
            encoding.CopyTo(withR, 0);
            AssertAgrees(key, fast, message, withR);

            // As the public key: never a table (libsodium refuses every signature under it).
            Assert.Null(Ed25519FastVerifier.TryCreate(encoding));
            Ed25519VerificationKey? special = null;
            try
            {
                special = Ed25519VerificationKey.Create(encoding);
            }
            catch (KeyFormatException)
            {
                // NSec refused the import.
            }
            if (special is not null)
            {
                var (valid, byTable) = special.VerifyDetailed(message, withR, forceTable: true);
                Assert.False(byTable);
                Assert.Equal(
                    SignatureAlgorithm.Ed25519.Verify(special.NSecKey, message, withR),
                    valid
                );
            }
        }
    }

    [Fact]
    public void SmallOrderR_WithTheEquationHolding_IsRefusedLikeLibsodium()
    {
        // R = identity and S = h·a: [S]B − [h]A = identity encodes to R, but libsodium refuses a
        // small-order R; the table path must not accept it.
        var random = new Random(11);
        var seed = RandomBytes(random, 32);
        using var nsec = ImportSeed(seed);
        var publicKey = nsec.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var key = Ed25519VerificationKey.Create(publicKey);
        var fast = Ed25519FastVerifier.TryCreate(publicKey)!;
        var a = SecretScalar(seed);
        var message = RandomBytes(random, 32);
        var r = Convert.FromHexString(Identity);
        var h = Challenge(r, publicKey, message);
        var signature = r.Concat(ToBytes32((h * a) % L)).ToArray();
        Assert.False(SignatureAlgorithm.Ed25519.Verify(nsec.PublicKey, message, signature));
        Assert.False(fast.Verify(message, signature));
        AssertAgrees(key, fast, message, signature);
    }

    [Fact]
    public void MixedOrderPublicKey_AgreesWithLibsodium()
    {
        // A' = A + T (T of order 8) is canonical and not of small order; libsodium checks the
        // cofactorless equation, which signatures made for A' can satisfy.
        var random = new Random(12);
        var torsion = DecodeOrThrow(
            Convert.FromHexString(
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05"
            )
        );
        var basePoint = DecodeOrThrow(
            Convert.FromHexString(
                "5866666666666666666666666666666666666666666666666666666666666666"
            )
        );
        int accepted = 0;
        for (int k = 0; k < 6; k++)
        {
            var seed = RandomBytes(random, 32);
            var a = SecretScalar(seed);
            var mixed = EdwardsPoint.Add(ScalarMul(a, basePoint), torsion);
            var publicKey = Convert.FromHexString(Encode(mixed));
            var key = Ed25519VerificationKey.Create(publicKey);
            var fast = Ed25519FastVerifier.TryCreate(publicKey);
            Assert.NotNull(fast);
            for (int attempt = 0; attempt < 40; attempt++)
            {
                var message = RandomBytes(random, 24);
                var nonce = new BigInteger(RandomBytes(random, 32), isUnsigned: true) % L;
                int j = attempt % 8;
                // R = [r]B − [j]T; valid when h ≡ j (mod 8).
                var rPoint = EdwardsPoint.Add(
                    ScalarMul(nonce, basePoint),
                    ScalarMul(8 - j, torsion)
                );
                var r = Convert.FromHexString(Encode(rPoint));
                var h = Challenge(r, publicKey, message);
                var signature = r.Concat(ToBytes32((nonce + (h * a)) % L)).ToArray();
                bool expected = SignatureAlgorithm.Ed25519.Verify(key.NSecKey, message, signature);
                if (expected)
                {
                    accepted++;
                }
                Assert.Equal(expected, fast.Verify(message, signature));
                AssertAgrees(key, fast, message, signature);

                // The same with r = 0: R = −[j]T is of small order, refused by both.
                var smallR = Convert.FromHexString(Encode(ScalarMul(8 - j, torsion)));
                var h0 = Challenge(smallR, publicKey, message);
                var smallSignature = smallR.Concat(ToBytes32((h0 * a) % L)).ToArray();
                Assert.False(fast.Verify(message, smallSignature));
                AssertAgrees(key, fast, message, smallSignature);
            }
        }
        Assert.True(accepted > 0, "some signatures for the mixed-order key must hold");
    }

    [Fact]
    public void ConcurrentFirstUse_BuildsOnceAndAnswersCorrectly()
    {
        var random = new Random(99);
        using var nsec = ImportSeed(RandomBytes(random, 32));
        var publicKey = nsec.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var messages = Enumerable.Range(0, 16).Select(i => RandomBytes(random, 30 + i)).ToArray();
        var signatures = messages.Select(m => SignatureAlgorithm.Ed25519.Sign(nsec, m)).ToArray();
        var shared = Ed25519VerificationKey.Create(publicKey);
        const int threads = 8;
        using var barrier = new Barrier(threads);
        var failures = 0;
        var workers = Enumerable
            .Range(0, threads)
            .Select(t => new Thread(() =>
            {
                // Half the threads share one key object; the others make their own (shared cache).
                var key = t % 2 == 0 ? shared : Ed25519VerificationKey.Create(publicKey);
                barrier.SignalAndWait();
                for (int i = 0; i < 40; i++)
                {
                    int n = (i + t) % messages.Length;
                    var signature = (byte[])signatures[n].Clone();
                    bool corrupt = i % 3 == 0;
                    if (corrupt)
                    {
                        signature[40] ^= 1;
                    }
                    var (valid, _) = key.VerifyDetailed(
                        messages[n],
                        signature,
                        forceTable: i % 2 == 0
                    );
                    if (valid == corrupt)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }))
            .ToList();
        workers.ForEach(w => w.Start());
        workers.ForEach(w => w.Join());
        Assert.Equal(0, failures);
        Assert.Equal(
            (true, true),
            shared.VerifyDetailed(messages[0], signatures[0], forceTable: false)
        );
    }

    [Fact]
    public void KeyUsedBelowTheThreshold_IsVerifiedByLibsodium_ThenByTheTable()
    {
        var random = new Random(5);
        using var nsec = ImportSeed(RandomBytes(random, 32));
        var publicKey = nsec.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var message = RandomBytes(random, 64);
        var signature = SignatureAlgorithm.Ed25519.Sign(nsec, message);
        for (int i = 1; i < Ed25519VerifierCache.BuildThreshold; i++)
        {
            // A new key object each time, as a verifier resolving a did:key would make.
            var key = Ed25519VerificationKey.Create(publicKey);
            Assert.Equal((true, false), key.VerifyDetailed(message, signature, forceTable: false));
        }
        var last = Ed25519VerificationKey.Create(publicKey);
        Assert.Equal((true, true), last.VerifyDetailed(message, signature, forceTable: false));
        Assert.True(Ed25519VerificationKey.Create(publicKey).Verify(message, signature));
    }

    [Fact]
    public void Cache_KeepsAKeyInUseWhileOneOffKeysPassThrough()
    {
        var random = new Random(4);
        var hot = RandomBytes(random, 32);
        var entry = Ed25519VerifierCache.GetEntry(hot);
        for (int i = 0; i < 3 * Ed25519VerifierCache.Capacity; i++)
        {
            _ = Ed25519VerifierCache.GetEntry(RandomBytes(random, 32));
            Assert.Same(entry, Ed25519VerifierCache.GetEntry(hot));
        }
    }

    [Fact]
    public void Cache_StaysBounded()
    {
        var random = new Random(3);
        for (int i = 0; i < Ed25519VerifierCache.Capacity + 20; i++)
        {
            _ = Ed25519VerifierCache.GetEntry(RandomBytes(random, 32));
        }
        Assert.True(Ed25519VerifierCache.Count <= Ed25519VerifierCache.Capacity);
    }

    private static string Identity =>
        "0100000000000000000000000000000000000000000000000000000000000000";

    private static void AssertAgrees(
        Ed25519VerificationKey key,
        Ed25519FastVerifier fast,
        byte[] message,
        byte[] signature
    )
    {
        bool expected = SignatureAlgorithm.Ed25519.Verify(key.NSecKey, message, signature);
        if (fast.Verify(message, signature))
        {
            Assert.True(expected, "the table path accepted what libsodium refuses");
        }
        var (valid, byTable) = key.VerifyDetailed(message, signature, forceTable: true);
        Assert.Equal(expected, valid);
        Assert.True(!byTable || expected);
    }

    private static IEnumerable<byte[]> SpecialEncodings()
    {
        var hexes = new[]
        {
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
            "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
        };
        foreach (var hex in hexes)
        {
            var bytes = Convert.FromHexString(hex);
            yield return bytes;
            var signed = (byte[])bytes.Clone();
            signed[31] ^= 0x80;
            yield return signed;
        }
        // Every other non-canonical y (p + 2 … p + 18), with either sign bit.
        for (int k = 2; k < 19; k++)
        {
            var bytes = ToBytes32(P + k);
            yield return bytes;
            var signed = (byte[])bytes.Clone();
            signed[31] |= 0x80;
            yield return signed;
        }
    }

    private static NSec.Cryptography.Key ImportSeed(byte[] seed) =>
        NSec.Cryptography.Key.Import(
            SignatureAlgorithm.Ed25519,
            seed,
            KeyBlobFormat.RawPrivateKey,
            new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport }
        );

    /// <summary>RFC 8032 §5.1.5: the clamped low half of SHA-512(seed).</summary>
    private static BigInteger SecretScalar(byte[] seed)
    {
        var h = SHA512.HashData(seed);
        h[0] &= 248;
        h[31] &= 127;
        h[31] |= 64;
        return new BigInteger(h.AsSpan(0, 32), isUnsigned: true);
    }

    private static BigInteger Challenge(byte[] r, byte[] publicKey, byte[] message) =>
        new BigInteger(
            SHA512.HashData(r.Concat(publicKey).Concat(message).ToArray()),
            isUnsigned: true
        ) % L;

    private static EdwardsPoint ScalarMul(BigInteger k, EdwardsPoint p)
    {
        var result = EdwardsPoint.Identity;
        for (int bit = (int)k.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = EdwardsPoint.Double(result);
            if (!((k >> bit) & 1).IsZero)
            {
                result = EdwardsPoint.Add(result, p);
            }
        }
        return result;
    }

    private static EdwardsPoint DecodeOrThrow(byte[] bytes) =>
        EdwardsPoint.TryDecode(bytes, out var p)
            ? p
            : throw new InvalidOperationException("no point");

    private static string Encode(EdwardsPoint p)
    {
        var bytes = new byte[32];
        EdwardsPoint.Encode(p, bytes);
        return Convert.ToHexStringLower(bytes);
    }

    private static FieldElement51 RandomElement(Random random, int bits)
    {
        ulong Limb() => (ulong)random.NextInt64() & ((1UL << bits) - 1);
        return new FieldElement51(Limb(), Limb(), Limb(), Limb(), Limb());
    }

    private static BigInteger Value(FieldElement51 a) =>
        Mod(
            new BigInteger(a.L0)
                + (new BigInteger(a.L1) << 51)
                + (new BigInteger(a.L2) << 102)
                + (new BigInteger(a.L3) << 153)
                + (new BigInteger(a.L4) << 204)
        );

    private static BigInteger Mod(BigInteger v)
    {
        var r = v % P;
        return r.Sign < 0 ? r + P : r;
    }

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] ToBytes32(BigInteger v)
    {
        var bytes = new byte[32];
        Assert.True(v.TryWriteBytes(bytes, out _, isUnsigned: true));
        return bytes;
    }

    private static byte[] ToBytes64(BigInteger v)
    {
        var bytes = new byte[64];
        Assert.True(v.TryWriteBytes(bytes, out _, isUnsigned: true));
        return bytes;
    }
}
