# Rscript R/bivariate_normal.R (from Tests/AssessmentEngineTests/Fixtures; R 4.2.2, mnormt as
# installed with Debian's r-cran-psych): a table of Φ2(h, k; ρ) = P(X ≤ h, Y ≤ k) from
# mnormt::pmnorm (Fortran, Genz's bivariate algorithm, an implementation independent of the SDK).
suppressMessages(library(mnormt))
p17 <- function(x) sprintf("%.17g", x)
g <- expand.grid(h = c(-3.5, -1.2, -0.3, 0, 0.45, 1.1, 2.7), k = c(-2.2, -0.8, 0, 0.6, 1.9, 4), rho = c(-0.99, -0.93, -0.6, -0.2, 0, 0.1, 0.35, 0.8, 0.924, 0.95, 0.999))
g$p <- mapply(function(h, k, r) pmnorm(c(h, k), c(0, 0), matrix(c(1, r, r, 1), 2)), g$h, g$k, g$rho)
g$p <- p17(g$p)
write.csv(g, "bivariate_normal_r.csv", row.names = FALSE, quote = FALSE)
writeLines(c(R.version.string, paste("mnormt", packageVersion("mnormt"))), "bivariate_normal_r_version.txt")
