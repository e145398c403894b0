# Rscript R/effect_sizes.R (run from Tests/AssessmentEngineTests/Fixtures; R 4.2.2, base R only).
# Exact noncentral-t intervals for the paired effect size d_z (Steiger & Fouladi 1997): invert
# R's pt(t, df, ncp) with uniroot at a tight tolerance; paired t and p from t.test; g_av limits are
# the d_z limits rescaled by J * SD_diff / SD_av (Algina & Keselman 2003 approach), as the SDK
# documents. Also a grid of pt(t, df, ncp) values for the noncentral t CDF itself.
p17 <- function(x) sprintf("%.17g", x)
cases <- list(
  icq_initiation = list(pre = c(17, 12, 22, 25, 10, 16), post = c(22, 23, 24, 26, 11, 19)),
  hand_example = list(pre = c(10, 12, 14, 16, 18), post = c(12, 13, 17, 17, 21)),
  assertive_hand_worked = list(pre = c(16, 24, 20), post = c(24, 26, 20)),
  three_pairs = list(pre = c(3, 5, 4), post = c(4, 7, 4.5)),
  decline = list(pre = c(30, 28, 35, 31, 29, 33, 34, 27), post = c(27, 27, 30, 31, 25, 30, 33, 28)),
  larger = list(pre = 10 + (1:30) %% 7 + (1:30) %% 3, post = 11 + (1:30) %% 5 + (1:30) %% 4)
)
ncp_limit <- function(t, df, p) uniroot(function(d) pt(t, df, d) - p, c(t - 40, t + 40), tol = 1e-15, maxiter = 10000)$root
rows <- list()
for (name in names(cases)) {
  x <- cases[[name]]; d <- x$post - x$pre; n <- length(d); df <- n - 1
  dz <- mean(d) / sd(d); t <- dz * sqrt(n)
  tt <- t.test(x$post, x$pre, paired = TRUE)
  lo <- ncp_limit(t, df, 0.975); hi <- ncp_limit(t, df, 0.025)
  sdav <- (sd(x$pre) + sd(x$post)) / 2; J <- 1 - 3 / (4 * df - 1)
  gav <- J * mean(d) / sdav
  rows[[name]] <- data.frame(case = name, n = n, dz = p17(dz), dz_lower = p17(lo / sqrt(n)), dz_upper = p17(hi / sqrt(n)),
    t = p17(unname(tt$statistic)), df = df, p = p17(tt$p.value), gav = p17(gav),
    gav_lower = p17(J * sd(d) / sdav * lo / sqrt(n)), gav_upper = p17(J * sd(d) / sdav * hi / sqrt(n)))
}
write.csv(do.call(rbind, rows), "effect_sizes_r.csv", row.names = FALSE, quote = FALSE)
grid <- expand.grid(t = c(-3, -0.5, 0.3, 1.7, 2.46, 5, 12), df = c(2, 5, 9, 29, 120), ncp = c(-4, -1, 0.5, 1, 2.5, 6, 15))
grid$p <- p17(pt(grid$t, grid$df, grid$ncp))
write.csv(grid, "noncentral_t_r.csv", row.names = FALSE, quote = FALSE)
writeLines(R.version.string, "effect_sizes_r_version.txt")
