// Removes the TIE of each pair [a, b] (pairs left without any conversation).
// params: pairs
UNWIND $pairs AS pair
MATCH (:Person {id: pair[0]})-[t:TIE]->(:Person {id: pair[1]})
DELETE t
