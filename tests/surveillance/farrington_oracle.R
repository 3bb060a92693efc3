# The oracle: R's surveillance::farringtonFlexible with its defaults, judging the last count
# of each argument (comma-separated counts) against all the counts before it, one reference
# count per past period without seasonality: frequency 1, b = the number of reference
# counts, w = 0, noPeriods = 1, pastWeeksNotIncluded = 0 (detection.farrington_flexible's
# configuration). Prints a JSON list, one object per argument (NA -> null); "unmasked"
# repeats the run with limit54 = c(0, 4), so the bound R hides under limit54 is seen too;
# where R stops with an error the object is {"error": its message}.
suppressMessages(library(surveillance))
judge <- function(counts, limit54) {
  n <- length(counts) - 1
  control <- list(b = n, w = 0, noPeriods = 1, pastWeeksNotIncluded = 0, range = n + 1,
                  limit54 = limit54)
  r <- farringtonFlexible(sts(observed = counts, frequency = 1), control = control)
  list(upperbound = upperbound(r)[1], expected = r@control$expected[1],
       alarm = alarms(r)[1], phi = r@control$phiVector[1], trend = r@control$trend[1] == 1)
}
num <- function(x) ifelse(is.na(x), "null", formatC(x, digits = 17, format = "g"))
lgl <- function(x) ifelse(is.na(x), "null", ifelse(x, "true", "false"))
fields <- function(j) {
  paste0("\"upperbound\": ", num(j$upperbound), ", \"expected\": ", num(j$expected),
         ", \"alarm\": ", lgl(j$alarm), ", \"phi\": ", num(j$phi),
         ", \"trend\": ", lgl(j$trend))
}
one <- function(arg) {
  counts <- as.numeric(strsplit(arg, ",")[[1]])
  tryCatch(
    paste0("{", fields(judge(counts, c(5, 4))), ", \"unmasked\": {",
           fields(judge(counts, c(0, 4))), "}}"),
    error = function(e) paste0("{\"error\": \"", gsub("\"", "'", conditionMessage(e)), "\"}")
  )
}
cat("[", paste(vapply(commandArgs(trailingOnly = TRUE), one, ""), collapse = ",\n"), "]\n",
    sep = "")
